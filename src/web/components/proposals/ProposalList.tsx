// The one proposal list: every list page (mine, all, review queue, assignment, unit inbox, key
// proposals, public) is a configuration of it. A table on desktop, cards on phones.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api';
import type { QueryValue } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { keys } from '../../queries';
import type { Page } from '../../types';
import { ResponsiveList } from '../ResponsiveList';
import { ColumnChooser, useChosenColumns } from '../ColumnChooser';
import { ExportButton } from '../ExportButton';
import { useIsMobile } from '../../layout/useIsMobile';
import { BulkAssignModal } from './BulkAssignModal';
import { HANDLING_STATES } from './model';
import type { ProposalListItem, ProposalSort, ProposalState } from './model';
import { ProposalFilters, useUrlFilters } from './ProposalFilters';
import type { ProposalFilterName } from './ProposalFilters';
import { DueDate, KeyTag, NumberCell, StateTag, useNumberText } from './ProposalTags';
import { SearchResults } from './SearchResults';

export type ProposalColumn = 'number' | 'title' | 'proposer' | 'kind' | 'domain' | 'state' | 'units' | 'due' | 'submittedAt' | 'updatedAt';

export interface ExtraColumn {
  key: string;
  title: string;
  render: (p: ProposalListItem) => ReactNode;
}

export interface ProposalListProps {
  /** The page's fixed query, e.g. { mine: true } or { state: ['submitted'] }. */
  query?: Record<string, QueryValue>;
  filters?: ProposalFilterName[];
  stateOptions?: ProposalState[];
  columns?: ProposalColumn[];
  extraColumns?: ExtraColumn[];
  rowActions?: (p: ProposalListItem) => ReactNode;
  /** Keep only the items it accepts (client-side: up to 200 fetched, all on one page). */
  filter?: (p: ProposalListItem) => boolean;
  sort?: (a: ProposalListItem, b: ProposalListItem) => number;
  linkTo?: (id: string) => string;
  /** Staff: select filed proposals and assign them together. */
  bulkAssign?: boolean;
  emptyText?: MessageKey;
  /** The search box runs the full-text search (with highlights) instead of matching titles and proposers. */
  fullText?: { published?: boolean };
  /** The public list's committee (a visitor's choice, components/PublicOrgChooser.tsx): the list, its sessions and its search read it. */
  orgId?: string;
  /** The orders the user may choose (?sort=), the first the default; the list says which one holds. */
  sorts?: ProposalSort[];
  /** On desktop the user picks which of `columns` show, remembered in this browser under `storageKey`; `hidden` start hidden. */
  columnChooser?: { storageKey: string; hidden: ProposalColumn[] };
  /** A 导出 Excel button: the same list (filters and order), or the same search, as .xlsx. */
  exportable?: boolean;
}

const DEFAULT_COLUMNS: ProposalColumn[] = ['number', 'title', 'proposer', 'state', 'due', 'units', 'updatedAt'];
const detailPath = (id: string) => `/proposals/${id}`;

export function ProposalList(props: ProposalListProps) {
  const { query = {}, filters = [], columns = DEFAULT_COLUMNS, extraColumns = [], filter, linkTo = detailPath } = props;
  const { t, formatDate, formatDateTime } = useI18n();
  const isMobile = useIsMobile();
  const url = useUrlFilters(filters);
  const [search, setSearch] = useSearchParams();
  const sorts = props.sorts ?? [];
  const sort = sorts.find((s) => s === search.get('sort')) ?? sorts[0];
  const setSort = (next: ProposalSort) =>
    setSearch((prev) => {
      const p = new URLSearchParams(prev);
      if (next === sorts[0]) p.delete('sort');
      else p.set('sort', next);
      p.delete('page');
      return p;
    }, { replace: true });
  const chosen = useChosenColumns(props.columnChooser?.storageKey, columns, props.columnChooser?.hidden);
  const numberText = useNumberText();
  const [selected, setSelected] = useState<string[]>([]);
  const [assignOpen, setAssignOpen] = useState(false);

  const clientSide = !!filter;
  const listQuery = { ...url.values, ...query, orgId: props.orgId, sort };
  const params = {
    ...listQuery,
    page: clientSide ? 1 : url.page,
    pageSize: clientSide ? 200 : url.pageSize,
  };
  const searching = !!props.fullText && !!url.values.q;
  const list = useQuery({
    queryKey: [...keys.proposals, 'list', params],
    queryFn: ({ signal }) => api.get<Page<ProposalListItem>>('/api/v1/proposals', params, signal),
    placeholderData: keepPreviousData,
    enabled: !searching,
  });

  let items = list.data?.items ?? [];
  if (filter) items = items.filter(filter);
  if (props.sort) items = [...items].sort(props.sort);
  const total = clientSide ? items.length : (list.data?.total ?? 0);
  const selectable = (p: ProposalListItem) => p.state === 'filed';

  const unitsText = (p: ProposalListItem) =>
    p.units.map((u) => t('proposal.unitRole', { unit: u.name, role: t(`proposal.role.${u.role}`) })).join(t('common.listSep')) || t('common.none');
  // (a proposal a unit returned, waiting to be assigned again: tagged, with which unit and why)
  const titleLink = (p: ProposalListItem) => (
    <Flex vertical gap={2}>
      <Space size={6} wrap>
        <Link to={linkTo(p.id)}>{p.title}</Link>
        {p.isKey && <KeyTag />}
        {p.returned && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('proposal.returnedTag')}</Tag>}
      </Space>
      {p.returned && (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
          {t('proposal.returnedBy', { unit: p.returned.unitName, reason: p.returned.reason ?? '' })}
        </Typography.Text>
      )}
    </Flex>
  );

  const all: Record<ProposalColumn, TableColumnsType<ProposalListItem>[number]> = {
    // Widths that fit the staff list's default columns at 1366 px, whatever the names' lengths.
    number: { title: t('proposal.numberInSession'), key: 'number', render: (_, p) => <NumberCell item={p} /> },
    title: { title: t('proposal.title'), key: 'title', width: 300, render: (_, p) => titleLink(p) },
    proposer: { title: t('proposal.proposer'), key: 'proposer', dataIndex: 'proposerName', width: 110 },
    kind: { title: t('proposal.kind'), key: 'kind', render: (_, p) => t(`proposal.kind.${p.kind}`) },
    domain: { title: t('proposal.domain'), key: 'domain', render: (_, p) => (p.domain ? t(`proposal.domain.${p.domain}`) : t('common.none')) },
    state: { title: t('proposal.state'), key: 'state', render: (_, p) => <StateTag state={p.state} /> },
    units: {
      title: t('proposal.units'),
      key: 'units',
      width: 200,
      render: (_, p) =>
        p.units.length ? (
          <Flex vertical>
            {p.units.map((u) => (
              <span key={u.unitId}>{t('proposal.unitRole', { unit: u.name, role: t(`proposal.role.${u.role}`) })}</span>
            ))}
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    due: { title: t('proposal.dueOn'), key: 'due', render: (_, p) => <DueDate day={p.dueOn} running={HANDLING_STATES.includes(p.state)} /> },
    submittedAt: { title: t('proposal.submittedAt'), key: 'submittedAt', render: (_, p) => formatDate(p.submittedAt) },
    updatedAt: { title: t('proposal.updatedAt'), key: 'updatedAt', render: (_, p) => formatDateTime(p.updatedAt) },
  };
  const tableColumns: TableColumnsType<ProposalListItem> = [
    ...(props.columnChooser ? chosen.shown : columns).map((c) => all[c]),
    ...extraColumns.map((c) => ({ title: c.title, key: c.key, render: (_: unknown, p: ProposalListItem) => c.render(p) })),
  ];
  if (props.rowActions) {
    tableColumns.push({ title: t('common.actions'), key: 'actions', render: (_, p) => props.rowActions!(p) });
  }

  const toggle = (id: string, on: boolean) => setSelected((prev) => (on ? [...prev, id] : prev.filter((x) => x !== id)));
  const card = (p: ProposalListItem) => (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex gap={8} align="start">
          {props.bulkAssign && selectable(p) && (
            <Checkbox
              aria-label={`${t('proposal.bulk.select')} ${p.title}`}
              checked={selected.includes(p.id)}
              onChange={(e) => toggle(p.id, e.target.checked)}
            />
          )}
          <Typography.Text strong style={{ minWidth: 0 }}>
            {titleLink(p)}
          </Typography.Text>
        </Flex>
        <Space size={4} wrap>
          <StateTag state={p.state} />
          <Typography.Text type="secondary">
            {[numberText(p), p.proposerName, t(`proposal.kind.${p.kind}`)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
        {p.units.length > 0 && <Typography.Text type="secondary">{unitsText(p)}</Typography.Text>}
        {p.dueOn && columns.includes('due') && (
          <span>
            {t('proposal.dueOn')}{t('common.labelSep')}<DueDate day={p.dueOn} running={HANDLING_STATES.includes(p.state)} />
          </span>
        )}
        {extraColumns.map((c) => (
          <div key={c.key}>{c.render(p)}</div>
        ))}
        {props.rowActions && <Flex wrap gap={8}>{props.rowActions(p)}</Flex>}
      </Flex>
    </Card>
  );

  const filterBar = filters.length > 0 && (
    <ProposalFilters
      names={filters}
      stateOptions={props.stateOptions}
      filters={url}
      searchPlaceholder={props.fullText ? 'proposal.search.placeholder' : undefined}
      published={query.published === true}
      orgId={props.orgId}
    />
  );
  if (searching) {
    return (
      <>
        {filterBar}
        <SearchResults filters={url} published={props.fullText?.published} orgId={props.orgId} linkTo={linkTo} exportable={props.exportable} />
      </>
    );
  }

  const orderText = (s: ProposalSort) => t(`proposal.sort.${s}`);
  const chooser = props.columnChooser && !isMobile && (
    <ColumnChooser
      options={columns.map((c) => ({ value: c, label: String(all[c].title), fixed: c === 'title' }))}
      shown={chosen.shown}
      onChange={chosen.choose}
    />
  );
  const toolbar = (sort || chooser || props.exportable) && (
    <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
      {sorts.length > 1 ? (
        <Select<ProposalSort>
          prefix={t('proposal.sort.prefix')}
          aria-label={t('proposal.sort.label')}
          value={sort}
          onChange={setSort}
          options={sorts.map((s) => ({ value: s, label: orderText(s) }))}
          popupMatchSelectWidth={false}
        />
      ) : sort ? (
        <Typography.Text type="secondary">{t('proposal.sort.fixed', { order: orderText(sort) })}</Typography.Text>
      ) : <span />}
      <Flex wrap gap={8} align="center">
        {chooser}
        {props.exportable && <ExportButton href={withQuery('/api/v1/proposals.xlsx', listQuery)} total={list.data?.total ?? 0} />}
      </Flex>
    </Flex>
  );

  return (
    <>
      {filterBar}
      {toolbar}
      {props.bulkAssign && (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<SendOutlined />} disabled={!selected.length} onClick={() => setAssignOpen(true)}>
            {selected.length ? t('proposal.bulk.assignCount', { count: selected.length }) : t('proposal.bulk.assign')}
          </Button>
          <Typography.Text type="secondary">{t('proposal.bulk.selectHint')}</Typography.Text>
        </Flex>
      )}
      <ResponsiveList<ProposalListItem>
        items={items}
        rowKey="id"
        columns={tableColumns}
        renderCard={card}
        query={list}
        emptyText={t(props.emptyText ?? 'proposal.empty')}
        paging={clientSide ? undefined : { page: url.page, pageSize: url.pageSize, total, onChange: url.setPage }}
        table={{
          rowSelection: props.bulkAssign
            ? {
                selectedRowKeys: selected,
                onChange: (ids) => setSelected(ids.map(String)),
                getCheckboxProps: (p) => ({ disabled: !selectable(p), 'aria-label': `${t('proposal.bulk.select')} ${p.title}` }),
              }
            : undefined,
        }}
      />

      {props.bulkAssign && (
        <BulkAssignModal
          open={assignOpen}
          ids={selected}
          onClose={() => setAssignOpen(false)}
          onDone={() => setSelected([])}
        />
      )}
    </>
  );
}
