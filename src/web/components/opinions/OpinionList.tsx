// The one report list (mine, review queue, all): a table on desktop, cards on phones, with a
// search box, a state and a year filter.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Flex, Input, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { ExportButton } from '../ExportButton';
import { todayInChina } from '../proposals/model';
import { ResponsiveList } from '../ResponsiveList';
import { OPINION_STATES } from './model';
import type { OpinionListItem, OpinionState } from './model';
import { LevelTag, OpinionStateTag } from './OpinionTags';
import { useOpinions } from './queries';
import { useOpinionNumber } from './numberText';

interface Props {
  /** The page's fixed query, e.g. { mine: true } or { state: ['submitted'] }. */
  query?: Record<string, string | boolean | readonly string[]>;
  /** States offered in the filter (none: no state filter). */
  stateOptions?: readonly OpinionState[];
  showAuthor?: boolean;
  rowActions?: (o: OpinionListItem) => ReactNode;
  /** The year filter to start with (e.g. from the URL). */
  initialYear?: number;
}

const YEARS = (() => {
  const now = Number(todayInChina().slice(0, 4));
  return [now, now - 1, now - 2, now - 3];
})();

export function OpinionList({ query = {}, stateOptions = OPINION_STATES, showAuthor = true, rowActions, initialYear }: Props) {
  const { t, formatDateTime } = useI18n();
  const numberOf = useOpinionNumber();
  const [q, setQ] = useState('');
  const [state, setState] = useState<OpinionState[]>([]);
  const [year, setYear] = useState<number | undefined>(initialYear);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const filters = { q: q || undefined, state: state.length ? state : undefined, year, ...query };
  const list = useOpinions({ ...page, ...filters });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  const results = (o: OpinionListItem) =>
    o.adoptionCount || o.instructionCount ? (
      <Space size={4} wrap>
        {o.topLevel && <LevelTag level={o.topLevel} />}
        <Typography.Text type="secondary">{t('opinion.resultsShort', { adoptions: o.adoptionCount, instructions: o.instructionCount })}</Typography.Text>
      </Space>
    ) : (
      t('common.none')
    );
  const titleLink = (o: OpinionListItem) => <Link to={`/opinions/${o.id}`}>{o.title}</Link>;

  const columns: TableColumnsType<OpinionListItem> = [
    { title: t('opinion.number'), key: 'number', render: (_, o) => numberOf(o) ?? t('common.none') },
    { title: t('opinion.title'), key: 'title', width: 320, render: (_, o) => titleLink(o) },
    ...(showAuthor ? [{ title: t('opinion.author'), key: 'author', dataIndex: 'authorName' }] : []),
    { title: t('opinion.state'), key: 'state', render: (_, o) => <OpinionStateTag state={o.state} /> },
    { title: t('opinion.results'), key: 'results', render: (_, o) => results(o) },
    { title: t('opinion.updatedAt'), key: 'updatedAt', render: (_, o) => formatDateTime(o.updatedAt) },
    ...(rowActions ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, o: OpinionListItem) => rowActions(o) }] : []),
  ];
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('opinion.search')} aria-label={t('opinion.search')} onSearch={reset(setQ)} style={{ maxWidth: 280 }} />
        {stateOptions.length > 1 && (
          <Select
            mode="multiple"
            allowClear
            placeholder={t('opinion.filterState')}
            aria-label={t('opinion.filterState')}
            value={state}
            onChange={reset(setState)}
            options={stateOptions.map((s) => ({ value: s, label: t(`opinion.state.${s}`) }))}
            style={{ minWidth: 180 }}
          />
        )}
        <Select
          allowClear
          placeholder={t('opinion.filterYear')}
          aria-label={t('opinion.filterYear')}
          value={year}
          onChange={reset(setYear)}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 120 }}
        />
        <ExportButton href={withQuery('/api/v1/opinions.xlsx', filters)} total={total} />
      </Flex>
      <ResponsiveList<OpinionListItem>
        items={items}
        rowKey="id"
        columns={columns}
        renderCard={(o) => (
          <Card size="small">
            <Flex vertical gap={6}>
              <Typography.Text strong>{titleLink(o)}</Typography.Text>
              <Space size={4} wrap>
                <OpinionStateTag state={o.state} />
                <Typography.Text type="secondary">{[numberOf(o), showAuthor ? o.authorName : null].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
              {(o.adoptionCount > 0 || o.instructionCount > 0) && results(o)}
              {rowActions && <Flex wrap gap={8}>{rowActions(o)}</Flex>}
            </Flex>
          </Card>
        )}
        query={list}
        emptyText={t('opinion.empty')}
        paging={{ ...page, total, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
      />
    </>
  );
}
