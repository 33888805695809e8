// 提案详情: the proposal, its handling and history, and the buttons of what the reader may do now.
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Result, Skeleton } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { OriginLink } from '../../components/OriginLink';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ActionBar } from '../../components/proposals/ActionBar';
import { MergeCandidates } from '../../components/proposals/MergeCandidates';
import { LEAVE_FOR, useProposal, useProposalActions, useProposalHistory } from '../../components/proposals/queries';
import { ProposalSubtitle, ProposalView } from '../../components/proposals/ProposalView';
import { LinkedDocuments } from '../../components/library/LinkedDocuments';

export default function ProposalDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const proposal = useProposal(id);
  const actions = useProposalActions(id, proposal.isSuccess);
  // A draft the office sent back says why at the top (the history's last step holds the reason).
  const history = useProposalHistory(id);
  const lastStep = history.data?.at(-1);

  // After an action that leaves the actor unable to read the item, on to where LEAVE_FOR says.
  const afterAction = (action: string) => {
    if (action in LEAVE_FOR) navigate(LEAVE_FOR[action]!, { replace: true });
  };
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;

  if (proposal.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (proposal.isError) {
    if (proposal.error instanceof ApiError && proposal.error.status === 404) {
      return <Result status="404" title={t('proposal.notFound')} subTitle={t('proposal.notFoundDetail')} extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
    }
    return <QueryError error={proposal.error} onRetry={() => void proposal.refetch()} />;
  }

  const p = proposal.data;
  // Only the proposer may withdraw a draft, and only the proposer may edit it.
  const isProposerOfDraft = p.state === 'draft' && !!actions.data?.some((a) => a.action === 'withdraw');
  const waiting = isProposerOfDraft && p.cosigners.some((c) => !c.confirmed);
  // Declining takes a co-signer off the list: a joint draft may be left with none, which submit refuses.
  const needsCosigners = isProposerOfDraft && p.kind === 'joint' && !p.cosigners.length;
  const declined = isProposerOfDraft ? p.declined : [];
  const sentBack = p.state === 'draft' && lastStep?.action === 'sendBack' ? lastStep : null;

  return (
    <>
      <PageHeader
        back={back}
        title={p.title}
        extra={
          <>
            {isProposerOfDraft && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/proposals/${p.id}/edit`)}>
                {t('proposal.edit')}
              </Button>
            )}
            <ActionBar proposalId={p.id} onDone={afterAction} />
          </>
        }
      />
      <ProposalSubtitle p={p} />
      {p.origin && <div style={{ marginTop: -8, marginBottom: 12 }}><OriginLink origin={p.origin} /></div>}
      <MergeCandidates p={p} style={{ marginBottom: 16 }} />
      <ProposalView p={p} notice={<>
        {sentBack && <Alert type="warning" showIcon title={t('proposal.sentBack.title')} description={sentBack.note} style={{ marginBottom: waiting ? 8 : 0 }} />}
        {waiting && <Alert type="info" showIcon title={t('proposal.waitingCosigners')} />}
        {declined.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('proposal.declined.title')}
            description={declined.map((d) => <div key={d.name}>{d.name}{t('common.labelSep')}{d.reason ?? t('proposal.declined.noReason')}</div>)}
          />
        )}
        {needsCosigners && <Alert type="warning" showIcon title={t('proposal.needsCosigners')} />}
      </>} />
      <LinkedDocuments kind="proposal" targetId={p.id} />
    </>
  );
}
