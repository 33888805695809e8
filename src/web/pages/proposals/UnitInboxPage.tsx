// 交办件 (unit clerk): items assigned to my unit, from each list item's `myAssignment`. Those waiting
// to be signed for or returned come first, soonest return window first; then those in hand by my own
// due date (the reply for a lead unit, the opinion for a co-handling unit), red once overdue.
import { Space, Tag, Typography } from 'antd';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import { DueDate } from '../../components/proposals/ProposalTags';
import { HANDLING_STATES } from '../../components/proposals/model';
import type { ProposalListItem } from '../../components/proposals/model';

/** Whether my unit still owes something on it: a reply (lead) or an opinion (co) while it is handled. */
const owing = (p: ProposalListItem) => {
  const a = p.myAssignment;
  return !!a && a.state === 'signed' && HANDLING_STATES.includes(p.state) && (a.role === 'lead' || !a.hasOpinion);
};

/** Pending first (by return window), then what I owe (by due date), then the rest (most recent first). */
function sortKey(p: ProposalListItem): string {
  const a = p.myAssignment;
  if (a?.state === 'pending') return `0${a.returnBy}`;
  if (a && owing(p)) return `1${a.dueOn}`;
  return '2';
}

export default function UnitInboxPage() {
  const user = useUser();
  const { t } = useI18n();

  const task = (p: ProposalListItem) => {
    const a = p.myAssignment;
    if (!a) return null;
    const role = <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{t(`proposal.role.${a.role}`)}</Tag>;
    if (a.state === 'pending') {
      return (
        <Space size={4} wrap>
          {role}
          <Tag color="gold">{t('proposal.inbox.toSign')}</Tag>
          <Typography.Text>
            {t('proposal.returnBy')}{t('common.labelSep')}<DueDate day={a.returnBy} />
          </Typography.Text>
        </Space>
      );
    }
    const running = HANDLING_STATES.includes(p.state);
    return (
      <Space size={4} wrap>
        {role}
        {running && a.role === 'lead' && (
          <Typography.Text>
            {t('proposal.inbox.replyDue')}{t('common.labelSep')}<DueDate day={a.dueOn} />
          </Typography.Text>
        )}
        {running && a.role === 'co' && !a.hasOpinion && (
          <Typography.Text>
            {t('proposal.inbox.opinionDue')}{t('common.labelSep')}<DueDate day={a.dueOn} />
          </Typography.Text>
        )}
        {a.role === 'co' && a.hasOpinion && <Tag color="green">{t('proposal.inbox.opinionSent')}</Tag>}
      </Space>
    );
  };

  return (
    <ProposalListPage
      title="nav.unitInbox"
      intro="proposal.inbox.intro"
      query={{ unitId: user.unitId ?? undefined }}
      filters={['q', 'state', 'overdue']}
      columns={['number', 'title', 'proposer', 'state']}
      extraColumns={[{ key: 'task', title: t('proposal.inbox.myTask'), render: task }]}
      sort={(a, b) => sortKey(a).localeCompare(sortKey(b))}
    />
  );
}
