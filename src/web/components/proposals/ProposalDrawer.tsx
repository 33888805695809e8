// A proposal opened beside a work queue (review, assignment): read it and act without leaving the list.
import { Link } from 'react-router-dom';
import { Drawer, Flex, Skeleton } from 'antd';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { QueryError } from '../QueryError';
import { ActionBar } from './ActionBar';
import { AssignmentSection } from './AssignmentSection';
import { MergeCandidates } from './MergeCandidates';
import { ProposalInfo } from './ProposalInfo';
import { ProposalSubtitle } from './ProposalView';
import { useProposal } from './queries';

function Content({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useI18n();
  const proposal = useProposal(id);
  if (proposal.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (proposal.isError) return <QueryError error={proposal.error} onRetry={() => void proposal.refetch()} />;
  const p = proposal.data;
  return (
    <Flex vertical gap={16}>
      <div>
        <ProposalSubtitle p={p} />
        <Flex wrap gap={8}>
          <ActionBar proposalId={p.id} onDone={onDone} showEmpty />
          <Link to={`/proposals/${p.id}`}>{t('proposal.open')}</Link>
        </Flex>
      </div>
      <MergeCandidates p={p} onMerged={onDone} />
      <ProposalInfo p={p} />
      <AssignmentSection p={p} />
    </Flex>
  );
}

interface Props {
  id: string | null;
  title?: string;
  onClose: () => void;
}

export function ProposalDrawer({ id, title, onClose }: Props) {
  const isMobile = useIsMobile();
  return (
    <Drawer open={!!id} title={title} onClose={onClose} size={isMobile ? '100%' : 720} destroyOnHidden>
      {id && <Content id={id} onDone={onClose} />}
    </Drawer>
  );
}
