// 双联活动统计 (staff, leaders): the counters the speech quotes, by member or sector, for a period.
import { useState } from 'react';
import { Card, Descriptions, Flex, Input, Segmented } from 'antd';
import type { TableColumnsType } from 'antd';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { COUNTERS, thisYear } from '../../components/liaison/model';
import type { CounterRow } from '../../components/liaison/model';
import { useCounters } from '../../components/liaison/queries';

export default function LiaisonStatsPage() {
  const { t } = useI18n();
  const year = thisYear();
  const [period, setPeriod] = useState({ from: `${year}-01-01`, to: `${year}-12-31` });
  const [by, setBy] = useState<'member' | 'sector'>('member');
  const params = { ...period, by };
  const counters = useCounters(params);
  const total: CounterRow | null = counters.data?.items.length ? { key: 'total', name: t('liaison.stats.total'), sectorName: null, ...counters.data.total } : null;
  const rows = [...(counters.data?.items ?? []), ...(total ? [total] : [])];
  const columns: TableColumnsType<CounterRow> = [
    { title: t(by === 'member' ? 'liaison.stats.byMember' : 'liaison.stats.bySector'), key: 'name', render: (_, r) => (r.key === 'total' ? <strong>{r.name}</strong> : r.name) },
    ...(by === 'member' ? [{ title: t('liaison.sector'), key: 'sector', dataIndex: 'sectorName' }] : []),
    ...COUNTERS.map((k) => ({ title: t(`liaison.stats.${k}`), key: k, dataIndex: k, align: 'right' as const })),
  ];
  const day = (key: 'from' | 'to') => (e: { target: { value: string } }) => e.target.value && setPeriod((p) => ({ ...p, [key]: e.target.value }));
  return (
    <>
      <PageHeader title={t('nav.liaisonStats')} extra={<ExportButton href={withQuery('/api/v1/liaison/counters.xlsx', params)} />} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented value={by} onChange={(v) => setBy(v as 'member' | 'sector')} options={[{ value: 'member', label: t('liaison.stats.byMember') }, { value: 'sector', label: t('liaison.stats.bySector') }]} />
        <Input type="date" aria-label={`${t('liaison.stats.period')} 1`} value={period.from} onChange={day('from')} style={{ width: 160 }} />
        <Input type="date" aria-label={`${t('liaison.stats.period')} 2`} value={period.to} onChange={day('to')} style={{ width: 160 }} />
      </Flex>
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
