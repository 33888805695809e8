// 立案审查: submitted proposals; open one beside the queue to file, reject, convert or merge it.
import { useState } from 'react';
import { Button } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { ProposalDrawer } from '../../components/proposals/ProposalDrawer';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import type { ProposalListItem } from '../../components/proposals/model';

export default function FilingQueuePage() {
  const { t } = useI18n();
  const [open, setOpen] = useState<ProposalListItem | null>(null);
  return (
    <>
      <ProposalListPage
        title="nav.filingQueue"
        intro="proposal.review.intro"
        query={{ state: ['submitted'] }}
        filters={['q', 'domain', 'kind']}
        columns={['title', 'proposer', 'kind', 'domain', 'submittedAt']}
        rowActions={(p) => (
          <Button size="small" icon={<AuditOutlined />} aria-label={`${t('proposal.review')} ${p.title}`} onClick={() => setOpen(p)}>
            {t('proposal.review')}
          </Button>
        )}
      />
      <ProposalDrawer id={open?.id ?? null} title={open?.title} onClose={() => setOpen(null)} />
    </>
  );
}
