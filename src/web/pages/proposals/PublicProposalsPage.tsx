// 公开提案 (no login): published proposals with filters and full-text search, each opening its public page.
import { ProposalListPage } from '../../components/proposals/ProposalListPage';

const publicPath = (id: string) => `/public/proposals/${id}`;

export default function PublicProposalsPage() {
  return (
    <ProposalListPage
      title="proposal.public.title"
      intro="proposal.public.intro"
      query={{ published: true }}
      filters={['q', 'domain', 'kind']}
      fullText={{ published: true }}
      columns={['number', 'title', 'proposer', 'domain', 'units', 'state']}
      linkTo={publicPath}
    />
  );
}
