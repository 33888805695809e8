// 数据看板 (staff, leaders): the committee's year in charts — proposals, consultations, 双联, 双创,
// duty records, 社情民意. A bar or slice opens the list of its records; each chart's table shows on
// demand and downloads as .xlsx. The year is in the URL (?year=), so a view can be shared.
import { Col, Row, Select, Skeleton } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { thisYear, YEARS } from '../../components/records/model';
import { ChartCard } from '../../components/dashboard/ChartCard';
import { useDashboard } from '../../components/dashboard/HomeCharts';

export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const board = useDashboard(year);
  const years = YEARS.includes(year) ? YEARS : [...YEARS, year];

  return (
    <>
      <PageHeader
        title={t('nav.dashboard')}
        extra={<Select aria-label={t('reports.year')} value={year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />}
      />
      {board.error ? <QueryError error={board.error} /> : (
        <Row gutter={[12, 12]}>
          {board.isLoading && [0, 1, 2, 3].map((i) => <Col key={i} xs={24} lg={12}><Skeleton active paragraph={{ rows: 6 }} /></Col>)}
          {board.data?.charts.map((c) => (
            <Col key={c.key} xs={24} lg={12}>
              <ChartCard chart={c} year={year} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
