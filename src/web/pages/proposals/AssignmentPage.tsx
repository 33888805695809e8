// 交办: filed proposals; select several for one bulk assignment, or open one to assign it alone.
import { useState } from 'react';
import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { ProposalDrawer } from '../../components/proposals/ProposalDrawer';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import type { ProposalListItem } from '../../components/proposals/model';

export default function AssignmentPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState<ProposalListItem | null>(null);
  return (
    <>
      <ProposalListPage
        title="nav.assignment"
        intro="proposal.assign.intro"
        query={{ state: ['filed'] }}
        filters={['q', 'domain', 'kind', 'isKey']}
        columns={['number', 'title', 'proposer', 'kind', 'domain', 'submittedAt']}
        bulkAssign
        rowActions={(p) => (
          <Button size="small" icon={<EyeOutlined />} aria-label={`${t('proposal.open')} ${p.title}`} onClick={() => setOpen(p)}>
            {t('proposal.open')}
          </Button>
        )}
      />
      <ProposalDrawer id={open?.id ?? null} title={open?.title} onClose={() => setOpen(null)} />
    </>
  );
}
