// 公开提案 (no login): published proposals with filters (by session too: numbers start again each
// session) and full-text search, newest session and number first, each opening its public page.
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import { useOrgPath, usePublicOrgId } from '../../components/PublicOrgChooser';

export default function PublicProposalsPage() {
  // The committee chosen in the frame (?org=): its published proposals, sessions and search.
  const orgId = usePublicOrgId();
  const orgPath = useOrgPath();
  return (
    <ProposalListPage
      title="proposal.public.title"
      intro="proposal.public.intro"
      query={{ published: true }}
      filters={['q', 'sessionId', 'domain', 'kind']}
      fullText={{ published: true }}
      columns={['number', 'title', 'proposer', 'domain', 'units', 'state']}
      sorts={['number']}
      exportable
      orgId={orgId}
      linkTo={(id) => orgPath(`/public/proposals/${id}`)}
    />
  );
}
