// 我的组织生活 (members): the 三会一课 and 主题党日 I attended or my groups held.
import { Card, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useActivities } from '../../components/party/queries';
import { ActivityList } from './PartyPage';

export default function MyPartyPage() {
  const { t } = useI18n();
  const activities = useActivities({ mine: true, pageSize: 100 });
  return (
    <>
      <PageHeader title={t('nav.myParty')} extra={<ExportButton href="/api/v1/party/activities.xlsx?mine=true" total={activities.data?.total} />} />
      <Typography.Paragraph type="secondary">{t('party.myIntro')}</Typography.Paragraph>
      {activities.isError && <QueryError error={activities.error} onRetry={() => void activities.refetch()} />}
      <Card size="small"><ActivityList activities={activities.data?.items ?? []} loading={activities.isPending} /></Card>
    </>
  );
}
