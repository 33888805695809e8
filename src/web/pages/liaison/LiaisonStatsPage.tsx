// 双联活动统计 (staff, leaders): the counters the speech quotes, by member, sector, special committee
// or county, for any period, narrowed to a sector, special committee or county. 本级/含下级 for whoever
// oversees committees below: the total adds them up (each one's under 各政协合计), the rows stay this level's.
import { useState } from 'react';
import { Card, Descriptions, Flex, Segmented, Select } from 'antd';
import type { TableColumnsType } from 'antd';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ByOrgCard, ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { ResponsiveList } from '../../components/ResponsiveList';
import { COUNTER_DIMENSIONS, COUNTERS, thisYear } from '../../components/liaison/model';
import type { CounterDimension, CounterRow } from '../../components/liaison/model';
import { useCounters } from '../../components/liaison/queries';
import { useCommitteeOptions, useCounties, useSectorOptions } from '../../queries';

const DIMENSION_LABEL = { member: 'liaison.stats.byMember', sector: 'liaison.stats.bySector', committee: 'liaison.stats.byCommittee', county: 'liaison.stats.byCounty' } as const;

export default function LiaisonStatsPage() {
  const { t } = useI18n();
  const year = thisYear();
  const [period, setPeriod] = useState({ from: `${year}-01-01`, to: `${year}-12-31` });
  const [by, setBy] = useState<CounterDimension>('member');
  const [filters, setFilters] = useState<{ sectorId?: string; committeeId?: string; countyOrgId?: string }>({});
  const sectors = useSectorOptions();
  const committees = useCommitteeOptions();
  const counties = useCounties();
  const canRollUp = useCanRollUp();
  const [chosenScope, setScope] = useState<Scope>('own');
  const scope: Scope = canRollUp ? chosenScope : 'own';
  const params = { ...period, by, ...filters, ...(scope === 'tree' ? { scope } : {}) };
  const counters = useCounters(params);
  // The rows are this level's, so is their 合计 (under 含下级 the tree's is on 各政协合计: byOrg[0] is this committee's).
  const total: CounterRow | null = counters.data?.items.length ? { key: 'total', name: t('liaison.stats.total'), sectorName: null, ...(counters.data.byOrg?.[0] ?? counters.data.total) } : null;
  const rows = [...(counters.data?.items ?? []), ...(total ? [total] : [])];
  const columns: TableColumnsType<CounterRow> = [
    { title: t(DIMENSION_LABEL[by]), key: 'name', render: (_, r) => (r.key === 'total' ? <strong>{r.name}</strong> : r.name) },
    ...(by === 'member' ? [{ title: t('liaison.sector'), key: 'sector', dataIndex: 'sectorName' }] : []),
    ...COUNTERS.map((k) => ({ title: t(`liaison.stats.${k}`), key: k, dataIndex: k, align: 'right' as const })),
  ];
  const filter = (key: 'sectorId' | 'committeeId' | 'countyOrgId', label: string, options: { id: string; name: string }[] | undefined) => (
    <Select allowClear placeholder={label} aria-label={label} value={filters[key]} onChange={(v?: string) => setFilters((f) => ({ ...f, [key]: v }))}
      options={(options ?? []).map((o) => ({ value: o.id, label: o.name }))} style={{ minWidth: 140 }} />
  );
  return (
    <>
      <PageHeader title={t('nav.liaisonStats')} extra={<ExportButton href={withQuery('/api/v1/liaison/counters.xlsx', params)} />} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented value={by} onChange={(v) => setBy(v as CounterDimension)} options={COUNTER_DIMENSIONS.map((d) => ({ value: d, label: t(DIMENSION_LABEL[d]) }))} />
        <DateField aria-label={t('liaison.stats.from')} value={period.from} onChange={(d) => d && setPeriod((p) => ({ ...p, from: d }))} style={{ width: 160 }} />
        <DateField aria-label={t('liaison.stats.to')} value={period.to} onChange={(d) => d && setPeriod((p) => ({ ...p, to: d }))} style={{ width: 160 }} />
        {filter('sectorId', t('liaison.stats.sector'), sectors.data)}
        {filter('committeeId', t('liaison.stats.committee'), committees.data)}
        {filter('countyOrgId', t('liaison.stats.county'), counties.data)}
        {canRollUp && <ScopeSwitch value={scope} onChange={setScope} committees={counters.data?.scope === 'tree' ? counters.data.committees : undefined} />}
      </Flex>
      {counters.data?.byOrg && (
        <div style={{ marginBottom: 12 }}>
          <ByOrgCard rows={counters.data.byOrg} total={counters.data.total} fields={COUNTERS.map((k) => ({ key: k, label: t(`liaison.stats.${k}`) }))} />
        </div>
      )}
      <ResponsiveList<CounterRow>
        items={rows}
        rowKey="key"
        columns={columns}
        renderCard={(r) => (
          <Card size="small" title={[r.name, r.sectorName].filter(Boolean).join(' · ')}>
            <Descriptions size="small" column={1} items={COUNTERS.map((k) => ({ key: k, label: t(`liaison.stats.${k}`), children: r[k] }))} />
          </Card>
        )}
        query={counters}
      />
    </>
  );
}
