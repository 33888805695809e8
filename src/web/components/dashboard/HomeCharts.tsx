// The few charts that matter to a leader or the office, on their home page: small, and ECharts
// loads only once they are there (ChartCard). The whole dashboard is a link away.
import { useQuery } from '@tanstack/react-query';
import { Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { thisYear } from '../records/model';
import { ChartCard } from './ChartCard';
import { HOME_CHARTS, type ChartKey, type Dashboard } from './model';

/** The dashboard's charts of a year (all, or those named). */
/** The charts of a year (scope=tree: rolled up with the committees below). */
export function useDashboard(year: number, charts?: ChartKey[], enabled = true, scope: 'own' | 'tree' = 'own') {
  return useQuery({
    queryKey: ['dashboard', year, charts ?? 'all', scope],
    enabled,
    queryFn: ({ signal }) => api.get<Dashboard>('/api/v1/dashboard', { year, chart: charts, ...(scope === 'tree' ? { scope } : {}) }, signal),
  });
}

export function HomeCharts() {
  const { t } = useI18n();
  const { roles } = useUser();
  const keys = roles.includes('leader') ? HOME_CHARTS.leader : roles.includes('staff') ? HOME_CHARTS.staff : null;
  const year = thisYear();
  const board = useDashboard(year, keys ?? undefined, !!keys);
  if (!keys || !board.data) return null;
  return (
    <section aria-label={t('nav.dashboard')}>
      <Typography.Title level={5}>
        <Link to="/dashboard">{t('nav.dashboard')}</Link>
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {board.data.charts.map((c) => (
          <Col key={c.key} xs={24} md={12}>
            <ChartCard chart={c} year={year} height={220} compact />
          </Col>
        ))}
      </Row>
    </section>
  );
}
