// 委员履职情况 (staff, leaders): every member's points, grade and rank for a year, filtered by sector,
// special committee and grade, those to remind; the table as Excel; staff recompute by the rules.
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Flex, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, withQuery } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useCommitteeOptions, useSectorOptions } from '../../queries';
import { GRADE_COLORS, GRADES, gradeKey, thisYear, useRecordsWrite, useTotals, YEARS } from '../../components/records/model';
import type { Grade, TotalRow } from '../../components/records/model';

export default function RecordsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const [search] = useSearchParams();
  const [year, setYear] = useState(Number(search.get('year')) || thisYear());
  const [sectorId, setSectorId] = useState<string>();
  const [committeeId, setCommitteeId] = useState<string>();
  const [grade, setGrade] = useState<Grade | undefined>((search.get('grade') as Grade | null) ?? undefined);
  const bound = (k: string) => (search.get(k) === null || Number.isNaN(Number(search.get(k))) ? undefined : Number(search.get(k)));
  const [band, setBand] = useState({ minPoints: bound('minPoints'), maxPoints: bound('maxPoints') });
  const [q, setQ] = useState('');
  const [warning, setWarning] = useState(search.get('warning') === 'true');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filters = { year, sectorId, committeeId, grade, q: q.trim() || undefined, warning: warning || undefined, ...band };
  const totals = useTotals({ ...filters, ...paging });
  const sectors = useSectorOptions();
  const committees = useCommitteeOptions();
  const recompute = useRecordsWrite(() => api.post<{ year: number; members: number }>('/api/v1/records/recompute', { year }));
  const filter = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPaging((p) => ({ ...p, page: 1 })); };

  const gradeTag = (g: Grade) => <Tag color={GRADE_COLORS[g]} style={{ marginInlineEnd: 0 }}>{t(gradeKey(g))}</Tag>;
  const warnings = (r: TotalRow) => r.warnings.map((w) => <Tag key={w} color="warning" style={{ marginInlineEnd: 0 }}>{t(`records.warning.${w}`)}</Tag>);
  const columns: TableColumnsType<TotalRow> = [
    { title: t('records.member'), key: 'name', render: (_, r) => <RouterLink to={`/records/members/${r.memberId}`}>{r.name}</RouterLink> },
    { title: t('records.sector'), key: 'sector', dataIndex: 'sectorName' },
    { title: t('records.points'), key: 'points', dataIndex: 'points', align: 'right' },
    { title: t('records.grade'), key: 'grade', render: (_, r) => gradeTag(r.grade) },
    { title: t('records.sectorRank'), key: 'rank', render: (_, r) => t('records.rankOf', { rank: r.sectorRank, size: r.sectorSize }) },
    ...(committeeId ? [{ title: t('records.committee'), key: 'committeeRank', render: (_: unknown, r: TotalRow) => r.committeeRank }] : []),
    { title: t('records.warnings'), key: 'warnings', render: (_, r) => <Space size={4} wrap>{warnings(r)}</Space> },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.recordList')}
        extra={
          <>
            <ExportButton href={withQuery('/api/v1/records.xlsx', filters)} total={totals.data?.total} />
            {hasRole('staff', 'admin') && (
              <Button loading={recompute.isPending} onClick={() => recompute.mutate(undefined, {
                onSuccess: (r) => message.success(t('records.recomputed', { year: r.year, members: r.members })),
              })}>{t('records.recompute')}</Button>
            )}
          </>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select aria-label={t('records.year')} value={year} onChange={filter(setYear)} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
        <Select aria-label={t('records.sector')} allowClear placeholder={t('records.sector')} value={sectorId} onChange={filter(setSectorId)} style={{ width: 150 }}
          options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        <Select aria-label={t('records.committee')} allowClear placeholder={t('records.committee')} value={committeeId} onChange={filter(setCommitteeId)} style={{ width: 170 }}
          options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <Select aria-label={t('records.grade')} allowClear placeholder={t('records.grade')} value={grade} onChange={filter(setGrade)} style={{ width: 110 }}
          options={GRADES.map((g) => ({ value: g, label: t(gradeKey(g)) }))} />
        <Input.Search aria-label={t('records.search')} placeholder={t('records.search')} allowClear onSearch={filter(setQ)} style={{ width: 180 }} />
        {(band.minPoints !== undefined || band.maxPoints !== undefined) && (
          <Tag closable onClose={() => filter(setBand)({ minPoints: undefined, maxPoints: undefined })} style={{ marginInlineEnd: 0 }}>
            {t('records.pointsBand', { min: band.minPoints ?? '', max: band.maxPoints ?? '' })}
          </Tag>
        )}
        <Space><Switch checked={warning} onChange={filter(setWarning)} aria-label={t('records.onlyWarnings')} />{t('records.onlyWarnings')}</Space>
      </Flex>
      <ResponsiveList<TotalRow>
        items={totals.data?.items ?? []}
        rowKey="memberId"
        columns={columns}
        renderCard={(r) => (
          <Card size="small">
            <Flex justify="space-between" align="center" gap={8}>
              <Flex vertical gap={2}>
                <RouterLink to={`/records/members/${r.memberId}`}><Typography.Text strong>{r.name}</Typography.Text></RouterLink>
                <Typography.Text type="secondary">{`${r.sectorName} · ${t('records.sectorRank')} ${t('records.rankOf', { rank: r.sectorRank, size: r.sectorSize })}`}</Typography.Text>
                <Space size={4} wrap>{warnings(r)}</Space>
              </Flex>
              <Flex vertical gap={4} align="end">
                <Typography.Text strong>{t('records.pointsValue', { n: r.points })}</Typography.Text>
                {gradeTag(r.grade)}
              </Flex>
            </Flex>
          </Card>
        )}
        query={totals}
        paging={{ ...paging, total: totals.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: true }}
      />
    </>
  );
}
