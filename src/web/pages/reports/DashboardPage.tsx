// 数据看板 (staff, leaders): the committee's year in charts — proposals, consultations, 双联, 双创,
// duty records, 社情民意. A bar or slice opens the list of its records; each chart's table shows on
// demand and downloads as .xlsx. The year is in the URL (?year=), so a view can be shared; so is
// 含下级 (?scope=tree: rolled up with the committees below, for whoever oversees a committee with some).
import { Col, Flex, Row, Select, Skeleton } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { thisYear, YEARS } from '../../components/records/model';
import { ChartCard } from '../../components/dashboard/ChartCard';
import { useDashboard } from '../../components/dashboard/HomeCharts';
import { ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';

export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const canRollUp = useCanRollUp();
  const scope: Scope = canRollUp && params.get('scope') === 'tree' ? 'tree' : 'own';
  const board = useDashboard(year, undefined, true, scope);
  const years = YEARS.includes(year) ? YEARS : [...YEARS, year];
  const set = (next: { year?: number; scope?: Scope }) => {
    const y = next.year ?? year, s = next.scope ?? scope;
    setParams({ year: String(y), ...(s === 'tree' ? { scope: s } : {}) }, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('nav.dashboard')}
        extra={<Select aria-label={t('reports.year')} value={year} onChange={(y) => set({ year: y })} options={years.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />}
      />
      {canRollUp && (
        <Flex style={{ marginBottom: 12 }}>
          <ScopeSwitch value={scope} onChange={(s) => set({ scope: s })} committees={board.data?.scope === 'tree' ? board.data.committees : undefined} />
        </Flex>
      )}
      {board.error ? <QueryError error={board.error} /> : (
        <Row gutter={[12, 12]}>
          {board.isLoading && [0, 1, 2, 3].map((i) => <Col key={i} xs={24} lg={12}><Skeleton active paragraph={{ rows: 6 }} /></Col>)}
          {board.data?.charts.map((c) => (
            <Col key={c.key} xs={24} lg={12}>
              <ChartCard chart={c} year={year} scope={scope} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
