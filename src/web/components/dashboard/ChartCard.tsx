// One chart of the dashboard in a card: the chart (ECharts, loaded lazily), a click on a bar or
// slice opens the list of its records, the table of its figures on demand (each figure a link to
// its records), and its table as .xlsx (the server writes it).
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { drawn, drawnRows, linkOf, MAX_BARS, noteOf, optionOf, pageOf, rowName, seriesKey, shownValue, titleKey, type Chart, type ChartRow } from './model';

const EChart = lazy(() => import('./EChart'));

interface Props { chart: Chart; year: number; height?: number; /** Home page: no table toggle. */ compact?: boolean; /** 含下级: the sheet rolled up too. */ scope?: 'own' | 'tree' }

export function ChartCard({ chart, year, height = 300, compact = false, scope = 'own' }: Props) {
  const { t, lang } = useI18n();
  const narrow = useIsMobile();
  const navigate = useNavigate();
  const [table, setTable] = useState(false);
  const title = t(titleKey(chart.key));
  const name = (s: Chart['series'][number]) => t(seriesKey(chart.key, s.key));
  const label = (r: ChartRow) => rowName(chart, r, t);
  // (name and label change with the language only.)
  const option = useMemo(() => optionOf(chart, name, label, lang, narrow), [chart, lang, narrow]);
  const note = [noteOf(chart, t), drawnRows(chart).length < chart.rows.length ? t('dashboard.note.firstBars', { n: MAX_BARS }) : undefined].filter(Boolean).join(' ');
  const columns: TableColumnsType<ChartRow> = [
    { title: t('dashboard.item'), key: 'label', render: (_, r) => { const to = linkOf(r); return to ? <Link to={to}>{label(r)}</Link> : label(r); } },
    ...chart.series.map((s, i) => ({
      title: name(s), key: s.key, align: 'right' as const,
      render: (_: unknown, r: ChartRow) => { const to = pageOf(r.sources[i]); const v = shownValue(r.values[i] ?? null, s); return to ? <Link to={to}>{v}</Link> : v; },
    })),
  ];
  const xlsx = withQuery('/api/v1/dashboard.xlsx', { year, chart: chart.key, ...(scope === 'tree' ? { scope, by: 'org' } : {}) });

  return (
    <Card
      size="small"
      title={<span title={title}>{title}</span>}
      data-chart={chart.key}
      styles={{ body: { paddingInline: narrow ? 8 : 12 } }}
      extra={<Button size="small" type="text" icon={<DownloadOutlined />} href={xlsx} aria-label={t('dashboard.export', { title })}>{narrow ? null : t('common.exportExcel')}</Button>}
    >
      {chart.rows.some((r) => r.values.some((v) => v)) ? (
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
          <EChart option={option} height={height} label={title} onClick={({ dataIndex, seriesIndex }) => {
            const row = chart.rows[dataIndex];
            const to = row && linkOf(row, drawnIndex(chart, seriesIndex));
            if (to) navigate(to);
          }} />
        </Suspense>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.empty')} style={{ height: height - 40, display: 'flex', flexDirection: 'column', justifyContent: 'center' }} />
      )}
      {note && <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>{note}</Typography.Paragraph>}
      {!compact && chart.rows.length > 0 && (
        <Flex vertical gap={8} style={{ marginTop: 4 }}>
          <Button size="small" type="link" icon={<TableOutlined />} onClick={() => setTable((v) => !v)} aria-expanded={table} style={{ alignSelf: 'flex-start', paddingInline: 0 }}>
            {table ? t('dashboard.hideTable') : t('dashboard.showTable')}
          </Button>
          {table && <Table<ChartRow> size="small" rowKey="key" columns={columns} dataSource={chart.rows} pagination={false} scroll={{ x: 'max-content' }} />}
        </Flex>
      )}
    </Card>
  );
}

/** A drawn series' index among all the chart's series (a chart may draw some of them only). */
const drawnIndex = (chart: Chart, drawnSeries: number) => drawn(chart)[drawnSeries]?.i;
