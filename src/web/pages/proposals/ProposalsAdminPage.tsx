// 提案管理: every proposal but drafts, with all filters; filed ones can be selected and assigned together.
// The columns that fit at 1366 px show (kind and domain on request), the order is said and chosen.
import { useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import { PROPOSAL_STATES } from '../../components/proposals/model';

export default function ProposalsAdminPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const staff = hasRole('staff');
  return (
    <ProposalListPage
      title="nav.proposalAdmin"
      extra={
        staff && (
          <Button icon={<PlusOutlined />} onClick={() => navigate('/proposals/new')}>
            {t('proposal.enterCollective')}
          </Button>
        )
      }
      filters={['q', 'state', 'sessionId', 'unitId', 'domain', 'kind', 'isKey', 'publication', 'overdue']}
      stateOptions={PROPOSAL_STATES.filter((s) => s !== 'draft')}
      columns={['number', 'title', 'proposer', 'state', 'due', 'units', 'kind', 'domain', 'updatedAt']}
      columnChooser={{ storageKey: 'proposalsAdmin', hidden: ['kind', 'domain'] }}
      sorts={['updated', 'number']}
      exportable
      bulkAssign={staff}
    />
  );
}
