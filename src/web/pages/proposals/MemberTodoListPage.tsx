// A member's two work lists, from their own proposals' list items (mine=true): 附议请求 (drafts
// naming me as a co-signer I have not confirmed yet, to confirm or decline) and 待评价答复 (replied proposals I made).
import { useState } from 'react';
import { App, Button, Space, Tag } from 'antd';
import { CheckOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { doneText } from '../../components/actionText';
import { problemText } from '../../components/formErrors';
import { ActionModal } from '../../components/proposals/ActionModal';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import type { ProposalListItem } from '../../components/proposals/model';
import { useProposalAction } from '../../components/proposals/queries';

function Cosigners({ p }: { p: ProposalListItem }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {p.cosigners.map((c) => (
        <Tag key={c.memberId} color={c.confirmed ? 'green' : 'default'} icon={c.confirmed ? <CheckOutlined /> : <ClockCircleOutlined />}>
          {c.name} · {t(c.confirmed ? 'proposal.cosignerConfirmed' : 'proposal.cosignerPending')}
        </Tag>
      ))}
    </Space>
  );
}

function CosignButton({ p }: { p: ProposalListItem }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const run = useProposalAction(p.id);
  const label = t('proposal.action.cosign');
  return (
    <Button
      size="small"
      type="primary"
      icon={<CheckOutlined />}
      aria-label={`${label} ${p.title}`}
      loading={run.isPending}
      onClick={() =>
        run.mutate(
          { action: 'cosign' },
          {
            onSuccess: () => void message.success(doneText(t, 'proposal', 'cosign', label)),
            onError: (err) => void message.error(problemText(err)),
          },
        )
      }
    >
      {label}
    </Button>
  );
}

/** 拒绝附议 opens its form (a reason, optional); the request then leaves the list. */
function DeclineButton({ p }: { p: ProposalListItem }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const label = t('proposal.action.declineCosign');
  return (
    <>
      <Button size="small" danger aria-label={`${label} ${p.title}`} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ActionModal proposalId={p.id} action="declineCosign" label={label} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function CosignRequestsPage() {
  const { t } = useI18n();
  const { memberId } = useUser();
  const asked = (p: ProposalListItem) => p.cosigners.some((c) => c.memberId === memberId && !c.confirmed);
  return (
    <ProposalListPage
      title="nav.cosignRequests"
      intro="proposal.cosign.intro"
      query={{ mine: true, state: ['draft'] }}
      filter={asked}
      emptyText="proposal.cosign.empty"
      columns={['title', 'proposer', 'kind', 'updatedAt']}
      extraColumns={[{ key: 'cosigners', title: t('proposal.cosigners'), render: (p) => <Cosigners p={p} /> }]}
      rowActions={(p) => (
        <Space size={8} wrap>
          <CosignButton p={p} />
          <DeclineButton p={p} />
        </Space>
      )}
    />
  );
}

export function RepliesToEvaluatePage() {
  const { memberId } = useUser();
  // mine=true lists what I made or co-signed: the ones without me among the co-signers are mine.
  const proposedByMe = (p: ProposalListItem) => !p.cosigners.some((c) => c.memberId === memberId);
  return (
    <ProposalListPage
      title="nav.toEvaluate"
      intro="proposal.evaluate.intro"
      query={{ mine: true, state: ['replied'] }}
      filter={proposedByMe}
      emptyText="proposal.evaluate.empty"
      columns={['title', 'kind', 'units', 'updatedAt']}
    />
  );
}
