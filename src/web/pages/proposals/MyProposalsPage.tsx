// 我的提案: proposals I made or co-signed, with their state and due date.
import { useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';

export default function MyProposalsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ProposalListPage
      title="nav.myProposals"
      intro="proposal.mine.intro"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/proposals/new')}>
          {t('nav.newProposal')}
        </Button>
      }
      query={{ mine: true }}
      filters={['q', 'state']}
      columns={['number', 'title', 'kind', 'state', 'due', 'units', 'updatedAt']}
      sorts={['updated', 'number']}
      exportable
    />
  );
}
