// The filter bar of a proposal list. Filters live in the URL (?state=filed&state=assigned&domain=…).
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { DOMAINS, PROPOSAL_KINDS, PROPOSAL_STATES } from './model';
import type { ProposalState } from './model';

export type ProposalFilterName = 'q' | 'state' | 'domain' | 'kind' | 'isKey' | 'overdue';
export const FILTER_NAMES: ProposalFilterName[] = ['q', 'state', 'domain', 'kind', 'isKey', 'overdue'];

/** The filters currently in the URL, as query parameters for GET /proposals. */
export function useUrlFilters(names: ProposalFilterName[]) {
  const [params, setParams] = useSearchParams();
  const values: Record<string, string | string[] | undefined> = {};
  for (const name of names) {
    if (name === 'state') {
      const states = params.getAll('state');
      values.state = states.length ? states : undefined;
    } else {
      values[name] = params.get(name) ?? undefined;
    }
  }
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;

  const update = (change: (next: URLSearchParams) => void, replace = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      },
      { replace },
    );
  const setFilter = (name: ProposalFilterName, value: string | string[] | undefined) =>
    update((next) => {
      next.delete(name);
      for (const v of Array.isArray(value) ? value : value ? [value] : []) next.append(name, v);
      next.delete('page');
    });
  const setPage = (p: number, size: number) =>
    update((next) => {
      next.set('page', String(size !== pageSize ? 1 : p));
      next.set('pageSize', String(size));
    }, false);
  const reset = () =>
    update((next) => {
      for (const n of names) next.delete(n);
      next.delete('page');
    });
  const active = names.some((n) => params.has(n));
  return { values, page, pageSize, setFilter, setPage, reset, active };
}

interface Props {
  names: ProposalFilterName[];
  stateOptions?: readonly ProposalState[];
  filters: ReturnType<typeof useUrlFilters>;
}

export function ProposalFilters({ names, stateOptions = PROPOSAL_STATES, filters }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { values, setFilter, reset, active } = filters;
  const has = (n: ProposalFilterName) => names.includes(n);
  const one = (n: ProposalFilterName) => values[n] as string | undefined;
  const selectStyle = { minWidth: 130, flex: isMobile ? '1 1 140px' : '0 0 150px' };

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
      {has('q') && (
        <Input.Search
          key={one('q') ?? ''}
          defaultValue={one('q')}
          allowClear
          placeholder={t('proposal.searchPlaceholder')}
          aria-label={t('proposal.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          style={{ flex: '1 1 220px', maxWidth: isMobile ? undefined : 300 }}
        />
      )}
      {has('state') && (
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('proposal.filterState')}
          aria-label={t('proposal.filterState')}
          value={(values.state as string[] | undefined) ?? []}
          onChange={(v: string[]) => setFilter('state', v)}
          options={stateOptions.map((s) => ({ value: s, label: t(`proposal.state.${s}`) }))}
          style={{ ...selectStyle, flex: isMobile ? '1 1 100%' : '0 0 220px' }}
        />
      )}
      {has('domain') && (
        <Select
          allowClear
          placeholder={t('proposal.filterDomain')}
          aria-label={t('proposal.filterDomain')}
          value={one('domain')}
          onChange={(v?: string) => setFilter('domain', v)}
          options={DOMAINS.map((d) => ({ value: d, label: t(`proposal.domain.${d}`) }))}
          style={selectStyle}
        />
      )}
      {has('kind') && (
        <Select
          allowClear
          placeholder={t('proposal.filterKind')}
          aria-label={t('proposal.filterKind')}
          value={one('kind')}
          onChange={(v?: string) => setFilter('kind', v)}
          options={PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`proposal.kind.${k}`) }))}
          style={selectStyle}
        />
      )}
      {has('isKey') && (
        <Select
          allowClear
          placeholder={t('proposal.filterKey')}
          aria-label={t('proposal.filterKey')}
          value={one('isKey')}
          onChange={(v?: string) => setFilter('isKey', v)}
          options={[
            { value: 'true', label: t('proposal.keyOnly') },
            { value: 'false', label: t('proposal.nonKey') },
          ]}
          style={selectStyle}
        />
      )}
      {has('overdue') && (
        <Checkbox checked={one('overdue') === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}>
          {t('proposal.overdueOnly')}
        </Checkbox>
      )}
      {active && <Button onClick={reset}>{t('common.reset')}</Button>}
    </Flex>
  );
}
