// 提案统计 (双评): received, filed, reply / on-time / satisfaction rates, A/B/C shares and quality,
// by unit, proposer, sector, domain, party or session; the same table as .xlsx.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';

const GROUPINGS = ['unit', 'member', 'sector', 'domain', 'party', 'session'] as const;
type Grouping = (typeof GROUPINGS)[number];
interface Row { key: string; received: number; filed: number; notFiled: number; assigned: number; replied: number; replyRate: number | null; onTimeRate: number | null;
  satisfactionRate: number | null; categoryA: number | null; categoryB: number | null; categoryC: number | null; quality: number | null }

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export default function StatsPage() {
  const { t } = useI18n();
  const [by, setBy] = useState<Grouping>('unit');
  const stats = useQuery({
    queryKey: ['proposals', 'stats', by],
    queryFn: ({ signal }) => api.get<{ rows: Row[]; total: Row }>('/api/v1/proposals/stats', { by }, signal),
  });
  const columns: TableColumnsType<Row> = [
    { title: t(`proposal.stats.by.${by}`), dataIndex: 'key', fixed: 'left', width: 180 },
    { title: t('proposal.stats.received'), dataIndex: 'received', align: 'right' },
    { title: t('proposal.stats.filed'), dataIndex: 'filed', align: 'right' },
    { title: t('proposal.stats.notFiled'), dataIndex: 'notFiled', align: 'right' },
    { title: t('proposal.stats.replied'), dataIndex: 'replied', align: 'right' },
    { title: t('proposal.stats.replyRate'), dataIndex: 'replyRate', align: 'right', render: pct },
    { title: t('proposal.stats.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: pct },
    { title: t('proposal.stats.satisfactionRate'), dataIndex: 'satisfactionRate', align: 'right', render: pct },
    { title: 'A', dataIndex: 'categoryA', align: 'right', render: pct },
    { title: 'B', dataIndex: 'categoryB', align: 'right', render: pct },
    { title: 'C', dataIndex: 'categoryC', align: 'right', render: pct },
    { title: t('proposal.stats.quality'), dataIndex: 'quality', align: 'right', render: (v: number | null) => v ?? '—' },
  ];
  return (
    <>
      <PageHeader
        title={t('nav.stats')}
        extra={<Button icon={<DownloadOutlined />} href={withQuery('/api/v1/proposals/stats.xlsx', { by })}>{t('proposal.stats.export')}</Button>}
      />
      <Card>
        <Flex vertical gap={16}>
          <Segmented<Grouping> value={by} onChange={setBy} options={GROUPINGS.map((g) => ({ value: g, label: t(`proposal.stats.by.${g}`) }))} />
          {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : (
            <Table<Row>
              rowKey="key" size="small" loading={stats.isPending} columns={columns} scroll={{ x: 1100 }} pagination={false}
              dataSource={stats.data ? [...stats.data.rows, stats.data.total] : []}
            />
          )}
        </Flex>
      </Card>
    </>
  );
}
