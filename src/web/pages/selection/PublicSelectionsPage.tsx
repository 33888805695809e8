// 优秀提案评选结果 (no login): the announced rounds, each opening its results.
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, List, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useRounds } from '../../components/selection/queries';
import { useOrgPath, usePublicOrgId } from '../../components/PublicOrgChooser';

export default function PublicSelectionsPage() {
  const { t, formatDate } = useI18n();
  // The committee chosen in the frame (?org=): its announced rounds.
  const rounds = useRounds({ announced: true, orgId: usePublicOrgId() });
  const orgPath = useOrgPath();
  return (
    <>
      <PageHeader title={t('nav.publicSelections')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('selection.public.intro')}</Typography.Paragraph>
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      <Card>
        <List
          loading={rounds.isPending}
          dataSource={rounds.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('selection.empty')} /> }}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Link to={orgPath(`/public/selections/${r.id}`)}>{r.name}</Link>
                <Typography.Text type="secondary">
                  {t('selection.excellent')} {r.excellent ?? 0} · {t('selection.results.announcedAt', { date: formatDate(r.announcedAt) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
