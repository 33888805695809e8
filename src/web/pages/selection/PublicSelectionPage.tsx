// The announced results of one round, readable without logging in; published proposals link to their public page.
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Result, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { Results } from '../../components/selection/Results';
import { useRound } from '../../components/selection/queries';

export default function PublicSelectionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const round = useRound(id);
  const toList = () => navigate('/public/selections');
  if (round.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (round.isError || !round.data.results) {
    if (!round.isError || (round.error instanceof ApiError && round.error.status === 404)) {
      return <Result status="404" title={t('selection.notFound')} extra={<Button onClick={toList}>{t('selection.public.back')}</Button>} />;
    }
    return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  }
  const r = round.data;
  return (
    <>
      <PageHeader back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('selection.public.back')} onClick={toList} />} title={r.name} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('selection.public.intro')}</Typography.Paragraph>
      <Results results={r.results!} announcedAt={r.announcedAt} linkTo={(p) => (p.published ? `/public/proposals/${p.proposalId}` : null)} />
    </>
  );
}
