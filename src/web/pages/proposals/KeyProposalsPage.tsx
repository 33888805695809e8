// 我领办的重点提案: key proposals (a leader's list holds the key proposals the server lets them see).
import { ProposalListPage } from '../../components/proposals/ProposalListPage';

export default function KeyProposalsPage() {
  return (
    <ProposalListPage
      title="nav.keyProposals"
      intro="proposal.key.intro"
      query={{ isKey: true }}
      filters={['q', 'state', 'overdue']}
      columns={['number', 'title', 'proposer', 'state', 'due', 'units', 'updatedAt']}
    />
  );
}
