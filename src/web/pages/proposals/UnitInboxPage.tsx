// 交办件 (unit clerk): items assigned to my unit, from each list item's `myAssignment`, in the server's
// order for a unit's own list: what it owes first, by the date it is owed (signing for by the return
// window, the reply for a lead unit, the opinion for a co-handling unit), so the overdue lead; a date
// is red, with the days, once past.
import { Space, Tag, Typography } from 'antd';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import { DueDate } from '../../components/proposals/ProposalTags';
import { HANDLING_STATES } from '../../components/proposals/model';
import type { ProposalListItem } from '../../components/proposals/model';


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
    />
  );
}
