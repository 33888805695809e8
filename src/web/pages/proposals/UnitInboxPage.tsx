// 交办件 (unit clerk): items assigned to my unit. Those waiting to be signed for come first, with
// the end of the return window; then those in hand with their due dates (red once overdue).
import { Space, Tag, Typography } from 'antd';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { useUnitOptions } from '../../queries';
import { ProposalListPage } from '../../components/proposals/ProposalListPage';
import { DueDate } from '../../components/proposals/ProposalTags';
import { HANDLING_STATES } from '../../components/proposals/model';
import type { ProposalListItem } from '../../components/proposals/model';
import { useTodos } from '../../components/proposals/queries';

export default function UnitInboxPage() {
  const user = useUser();
  const { t } = useI18n();
  const units = useUnitOptions();
  const todos = useTodos();
  const myName = units.data?.find((u) => u.id === user.unitId)?.name;
  const mine = (p: ProposalListItem) => p.units.find((u) => u.name === myName);
  // The to-dos carry my own dates: the return window (sign) and the co-handling opinion's due date.
  const todoDue = (p: ProposalListItem, kind: string) => todos.data?.find((x) => x.kind === kind && x.href === `/proposals/${p.id}`)?.due;
  const pending = (p: ProposalListItem) => mine(p)?.state === 'pending';
  const sortKey = (p: ProposalListItem) => `${pending(p) ? 0 : HANDLING_STATES.includes(p.state) ? 1 : 2}${todoDue(p, 'sign') ?? p.dueOn ?? '9999'}`;

  const task = (p: ProposalListItem) => {
    const a = mine(p);
    if (!a) return null;
    const role = <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{t(`proposal.role.${a.role}`)}</Tag>;
    if (a.state === 'pending') {
      const returnBy = todoDue(p, 'sign');
      return (
        <Space size={4} wrap>
          {role}
          <Tag color="gold">{t('proposal.inbox.toSign')}</Tag>
          {returnBy && (
            <Typography.Text>
              {t('proposal.returnBy')}：<DueDate day={returnBy} />
            </Typography.Text>
          )}
        </Space>
      );
    }
    const running = HANDLING_STATES.includes(p.state);
    const opinionDue = a.role === 'co' ? todoDue(p, 'opinion') : undefined;
    return (
      <Space size={4} wrap>
        {role}
        {a.role === 'lead' && running && (
          <Typography.Text>
            {t('proposal.dueOn')}：<DueDate day={p.dueOn} />
          </Typography.Text>
        )}
        {opinionDue && (
          <Typography.Text>
            {t('proposal.opinion')}：<DueDate day={opinionDue} />
          </Typography.Text>
        )}
        {!running && <Tag color="green">{t(`proposal.state.${p.state}`)}</Tag>}
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
