// The 双创 figures of a year and county: the speech's numbers as cards (money in 万元, or 亿元 from
// 10,000 万元 up), and the bases and projects by kind as bars.
import { Card, Flex, Skeleton, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { QueryError } from '../QueryError';
import { PROJECT_KINDS, toWan } from './model';
import type { Figure } from './model';
import { useFigures } from './queries';

const CARDS = ['participants', 'investment', 'jobs', 'poorHouseholds', 'membersHonoured', 'pairings', 'activities', 'beneficiaries'];

export function FiguresPanel({ year, countyOrgId }: { year?: number; countyOrgId?: string }) {
  const { t } = useI18n();
  const figures = useFigures({ year, countyOrgId });
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  if (!figures.data) return <Skeleton active />;
  const by = new Map(figures.data.figures.map((f) => [f.key, f]));
  const shown = (f: Figure) => {
    if (f.unit !== '元') return t(`creation.figure.unit.${f.unit}` as MessageKey, { n: f.value.toLocaleString() });
    const wan = toWan(f.value);
    return wan >= 10_000 ? t('creation.yi', { n: (Math.round(wan / 100) / 100).toLocaleString() }) : t('creation.wan', { n: wan.toLocaleString() });
  };
  const kinds = PROJECT_KINDS.map((k) => by.get(`projects.${k}`)!).filter(Boolean);
  const most = Math.max(1, ...kinds.map((f) => f.value));
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }} aria-label={t('creation.figures')}>
      <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))' }}>
        {CARDS.map((key) => by.get(key)).filter((f): f is Figure => !!f).map((f) => (
          <Card size="small" key={f.key} data-figure={f.key}>
            <Statistic title={t(`creation.figure.${f.key}` as MessageKey)} value={shown(f)} />
            {/* The members behind the figure, as a download (the list the figure counts). */}
            {f.source.includes('/creation/participants') && <a href={f.source.replace('/creation/participants', '/creation/participants.xlsx')}>{t('common.exportExcel')}</a>}
          </Card>
        ))}
      </div>
      <Card size="small" title={t('creation.basesByKind')}>
        <Flex vertical gap={6}>
          {kinds.map((f) => (
            <Flex key={f.key} align="center" gap={8} data-figure={f.key}>
              <Typography.Text style={{ width: 110, flex: 'none' }}>{t(`creation.figure.${f.key}` as MessageKey)}</Typography.Text>
              <div style={{ flex: 1, background: '#f0f0f0', borderRadius: 4, height: 16 }} aria-hidden>
                <div style={{ width: `${(f.value / most) * 100}%`, background: '#c41d7f', borderRadius: 4, height: 16 }} />
              </div>
              <Typography.Text strong style={{ width: 48, textAlign: 'right' }}>{shown(f)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}
