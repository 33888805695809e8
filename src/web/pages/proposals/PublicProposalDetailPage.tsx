// A published proposal with its replies, readable without logging in (no contact details, no history).
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useProposal } from '../../components/proposals/queries';
import { ProposalSubtitle, ProposalView } from '../../components/proposals/ProposalView';
import { LinkedDocuments } from '../../components/library/LinkedDocuments';

export default function PublicProposalDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const proposal = useProposal(id);
  const toList = () => navigate('/public/proposals');

  if (proposal.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (proposal.isError) {
    if (proposal.error instanceof ApiError && proposal.error.status === 404) {
      return <Result status="404" title={t('proposal.notFound')} extra={<Button onClick={toList}>{t('proposal.public.back')}</Button>} />;
    }
    return <QueryError error={proposal.error} onRetry={() => void proposal.refetch()} />;
  }
  const p = proposal.data;
  return (
    <>
      <PageHeader back={<Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('proposal.public.back')} onClick={toList} />} title={p.title} />
      <ProposalSubtitle p={p} />
      <ProposalView p={p} publicView />
      <LinkedDocuments kind="proposal" targetId={p.id} />
    </>
  );
}
