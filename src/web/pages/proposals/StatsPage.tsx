// 提案统计 (双评): received, filed, reply / on-time / satisfaction rates, A/B/C shares and quality,
// by unit, proposer, sector, domain, party or session, over any period (submission dates or one
// session); the same table as .xlsx. A committee with committees below switches between its own
// figures (本级) and those rolled up with theirs (含下级: scope=tree), which also groups by committee.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useSessionOptions } from '../../components/proposals/ProposalFilters';
import { OnTimeTitle, percent as pct } from '../../components/proposals/OnTimeRate';

const GROUPINGS = ['unit', 'member', 'sector', 'domain', 'party', 'session', 'org'] as const;
type Grouping = (typeof GROUPINGS)[number];
interface Row { key: string; received: number; filed: number; merged: number; converted: number; notFiled: number; assigned: number; replied: number; replyRate: number | null;
  onTime: number; late: number; onTimeRate: number | null;
  satisfactionRate: number | null; resultSatisfactionRate: number | null; categoryA: number | null; categoryB: number | null; categoryC: number | null; quality: number | null }

export default function StatsPage() {
  const { t } = useI18n();
  const [by, setBy] = useState<Grouping>('unit');
  const [scope, setScope] = useState<Scope>('own');
  const hasBelow = useCanRollUp();
  const groupings = GROUPINGS.filter((g) => g !== 'org' || scope === 'tree');
  const [period, setPeriod] = useState<{ from?: string; to?: string; sessionId?: string }>({});
  const sessions = useSessionOptions();
  const params = { by, ...period, ...(scope === 'tree' ? { scope } : {}) };
  const stats = useQuery({
    queryKey: ['proposals', 'stats', params],
    queryFn: ({ signal }) => api.get<{ rows: Row[]; total: Row; committees: string[] }>('/api/v1/proposals/stats', params, signal),
    placeholderData: keepPreviousData,
  });
  const setDay = (k: 'from' | 'to') => (day?: string) => setPeriod((p) => ({ ...p, [k]: day }));
  const columns: TableColumnsType<Row> = [
    { title: t(`proposal.stats.by.${by}`), dataIndex: 'key', fixed: 'left', width: 180, render: (key: string, row) => (row === stats.data?.total ? t('proposal.stats.total') : key) },
    { title: t('proposal.stats.received'), dataIndex: 'received', align: 'right' },
    { title: t('proposal.stats.filed'), dataIndex: 'filed', align: 'right' },
    { title: t('proposal.stats.merged'), dataIndex: 'merged', align: 'right' },
    { title: t('proposal.stats.converted'), dataIndex: 'converted', align: 'right' },
    { title: t('proposal.stats.notFiled'), dataIndex: 'notFiled', align: 'right' },
    { title: t('proposal.stats.replied'), dataIndex: 'replied', align: 'right' },
    { title: t('proposal.stats.replyRate'), dataIndex: 'replyRate', align: 'right', render: pct },
    { title: <OnTimeTitle />, dataIndex: 'onTimeRate', align: 'right', render: (v: number | null, r) => <span title={t('proposal.onTime.counts', { onTime: r.onTime, late: r.late })}>{pct(v)}</span> },
    { title: t('proposal.stats.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: pct },
    { title: t('proposal.stats.resultSatisfactionRate'), dataIndex: 'resultSatisfactionRate', align: 'right', render: pct },
    { title: 'A', dataIndex: 'categoryA', align: 'right', render: pct },
    { title: 'B', dataIndex: 'categoryB', align: 'right', render: pct },
    { title: 'C', dataIndex: 'categoryC', align: 'right', render: pct },
    { title: t('proposal.stats.quality'), dataIndex: 'quality', align: 'right', render: (v: number | null) => v ?? '—' },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.stats')}
        extra={<ExportButton href={withQuery('/api/v1/proposals/stats.xlsx', params)} />}
      />
      <Card>
        <Flex vertical gap={16}>
          {/* Six groupings pass a phone's width: they scroll within their own box, not the page. */}
          {hasBelow && (
            <ScopeSwitch value={scope} onChange={(v) => { setScope(v); if (v === 'own' && by === 'org') setBy('unit'); }} committees={stats.data?.committees} />
          )}
          <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
            <Segmented<Grouping> value={by} onChange={setBy} options={groupings.map((g) => ({ value: g, label: t(`proposal.stats.by.${g}`) }))} />
          </div>
          <Flex wrap gap={8} align="center" role="group" aria-label={t('proposal.stats.period')}>
            <Typography.Text type="secondary">{t('proposal.stats.period')}</Typography.Text>
            <DateField allowClear aria-label={t('proposal.stats.from')} placeholder={t('proposal.stats.from')} value={period.from} max={period.to} onChange={setDay('from')} style={{ width: 160 }} />
            <span>—</span>
            <DateField allowClear aria-label={t('proposal.stats.to')} placeholder={t('proposal.stats.to')} value={period.to} min={period.from} onChange={setDay('to')} style={{ width: 160 }} />
            <Select
              allowClear
              placeholder={t('proposal.filterSession')}
              aria-label={t('proposal.filterSession')}
              value={period.sessionId}
              onChange={(sessionId?: string) => setPeriod((p) => ({ ...p, sessionId }))}
              options={sessions.options}
              loading={sessions.loading}
              style={{ minWidth: 200 }}
            />
            {/* (nothing chosen: every proposal, of every session — the dashboard's figures are the year's) */}
            {!period.from && !period.to && !period.sessionId && <Typography.Text type="secondary">{t('proposal.stats.allTime')}</Typography.Text>}
          </Flex>
          {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : (
            <Table<Row>
              rowKey="key" size="small" tableLayout="auto" loading={stats.isFetching} columns={columns} scroll={{ x: 1100 }} pagination={false}
              dataSource={stats.data ? [...stats.data.rows, stats.data.total] : []}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t(by === 'unit' ? 'proposal.stats.totalNoteUnit' : 'proposal.stats.totalNote')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('proposal.onTime.definition')}
          </Typography.Paragraph>
        </Flex>
      </Card>
    </>
  );
}
