// The filter bar of a proposal list. Filters live in the URL (?state=filed&state=assigned&domain=…).
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { keys, useSectorOptions, useTerms, useUnitOptions } from '../../queries';
import { DOMAINS, PROPOSAL_KINDS, PROPOSAL_STATES } from './model';
import type { ProposalState } from './model';
import { useSessionName } from './ProposalTags';

export type ProposalFilterName = 'q' | 'state' | 'domain' | 'kind' | 'isKey' | 'overdue' | 'sessionId' | 'unitId' | 'sectorId' | 'publication';
const PUBLICATIONS = ['published', 'pending', 'exempt'] as const;

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

/** Every plenary session as an option, labelled 第N届第M次会议. */
/** The committee's sessions, newest first, named as the numbers name them (第五届第五次会议). */
export function useSessionOptions(enabled = true) {
  const sessionName = useSessionName();
  const terms = useTerms(enabled);
  const options = (terms.data ?? []).flatMap((term) => term.sessions.map((s) => ({ term: term.number, s })))
    .sort((a, b) => b.s.startsOn.localeCompare(a.s.startsOn) || b.term - a.term || b.s.number - a.s.number)
    .map(({ term, s }) => ({ value: s.id, label: sessionName(term, s.number) }));
  return { options, loading: terms.isPending };
}

interface ListedSession { id: string; termNumber: number; sessionNumber: number; count: number }

/** The sessions of the published proposals, newest first, with how many each (no login needed). */
function usePublishedSessionOptions(enabled: boolean, orgId?: string) {
  const { t } = useI18n();
  const sessionName = useSessionName();
  const sessions = useQuery({
    queryKey: [...keys.proposals, 'sessions', 'published', orgId],
    queryFn: ({ signal }) => api.get<{ items: ListedSession[] }>('/api/v1/proposals/sessions', { published: true, orgId }, signal),
    enabled,
  });
  const options = (sessions.data?.items ?? []).map((s) => ({
    value: s.id,
    label: t('proposal.sessionOption', { session: sessionName(s.termNumber, s.sessionNumber), count: s.count }),
  }));
  return { options, loading: sessions.isPending };
}

interface Props {
  names: ProposalFilterName[];
  stateOptions?: readonly ProposalState[];
  filters: ReturnType<typeof useUrlFilters>;
  searchPlaceholder?: MessageKey;
  /** The public list: sessions come from the published proposals (the committee's terms need a login). */
  published?: boolean;
  /** The public list's committee (a visitor's choice, components/PublicOrgChooser.tsx). */
  orgId?: string;
}

export function ProposalFilters({ names, stateOptions = PROPOSAL_STATES, filters, searchPlaceholder = 'proposal.searchPlaceholder', published, orgId }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const { values, setFilter, reset, active } = filters;
  const has = (n: ProposalFilterName) => names.includes(n);
  const one = (n: ProposalFilterName) => values[n] as string | undefined;
  const selectStyle = { minWidth: 130, flex: isMobile ? '1 1 140px' : '0 0 150px' };
  const committeeSessions = useSessionOptions(has('sessionId') && !published);
  const publishedSessions = usePublishedSessionOptions(has('sessionId') && !!published, orgId);
  const sessions = published ? publishedSessions : committeeSessions;
  const units = useUnitOptions(has('unitId'));
  const sectors = useSectorOptions(has('sectorId'));
  /** A single-choice filter; long lists (sessions, units, sectors) are wider and searchable. */
  const choice = (n: ProposalFilterName, label: MessageKey, options: { value: string; label: string }[], long?: { loading: boolean }) =>
    has(n) && (
      <Select
        allowClear
        showSearch={long ? { optionFilterProp: 'label' } : undefined}
        placeholder={t(label)}
        aria-label={t(label)}
        value={one(n)}
        onChange={(v?: string) => setFilter(n, v)}
        options={options}
        loading={long?.loading}
        style={long ? { ...selectStyle, flex: isMobile ? '1 1 140px' : '0 0 200px' } : selectStyle}
      />
    );

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
      {has('q') && (
        <Input.Search
          key={one('q') ?? ''}
          defaultValue={one('q')}
          allowClear
          placeholder={t(searchPlaceholder)}
          aria-label={t(searchPlaceholder)}
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
      {choice('domain', 'proposal.filterDomain', DOMAINS.map((d) => ({ value: d, label: t(`proposal.domain.${d}`) })))}
      {choice('kind', 'proposal.filterKind', PROPOSAL_KINDS.map((k) => ({ value: k, label: t(`proposal.kind.${k}`) })))}
      {choice('sessionId', 'proposal.filterSession', sessions.options, { loading: sessions.loading })}
      {choice('unitId', 'proposal.filterUnit', (units.data ?? []).map((u) => ({ value: u.id, label: u.name })), { loading: units.isPending })}
      {choice('sectorId', 'proposal.filterSector', (sectors.data ?? []).map((x) => ({ value: x.id, label: x.name })), { loading: sectors.isPending })}
      {choice('publication', 'proposal.filterPublication', PUBLICATIONS.map((v) => ({ value: v, label: t(`proposal.publication.${v}`) })))}
      {choice('isKey', 'proposal.filterKey', [
        { value: 'true', label: t('proposal.keyOnly') },
        { value: 'false', label: t('proposal.nonKey') },
      ])}
      {has('overdue') && (
        <Checkbox checked={one('overdue') === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : undefined)}>
          {t('proposal.overdueOnly')}
        </Checkbox>
      )}
      {active && <Button onClick={reset}>{t('common.reset')}</Button>}
    </Flex>
  );
}
