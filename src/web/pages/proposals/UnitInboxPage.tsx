// 交办件 (unit clerk): items assigned to my unit, proposals and recommendations (建议) each in a tab,
// from each item's `myAssignment`, in the server's order for a unit's own list: what it owes first,
// by the date it is owed (signing for by the return window, the reply for a lead unit, the opinion
// for a co-handling unit), so the overdue lead; a date is red, with the days, once past.
import { Tabs, Typography } from 'antd';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ProposalList } from '../../components/proposals/ProposalList';
import { MyTask } from '../../components/proposals/MyTask';
import { HANDLING_STATES } from '../../components/proposals/model';
import type { ProposalListItem } from '../../components/proposals/model';
import { UnitRecommendations } from '../../components/consultations/UnitRecommendations';

export default function UnitInboxPage() {
  const user = useUser();
  const { t } = useI18n();
  const task = (p: ProposalListItem) => <MyTask a={p.myAssignment} running={HANDLING_STATES.includes(p.state)} />;

  return (
    <>
      <PageHeader title={t('nav.unitInbox')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('proposal.inbox.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'proposals',
            label: t('proposal.inbox.proposals'),
            children: (
              <ProposalList
                query={{ unitId: user.unitId ?? undefined }}
                filters={['q', 'state', 'overdue']}
                columns={['number', 'title', 'proposer', 'state']}
                extraColumns={[{ key: 'task', title: t('proposal.inbox.myTask'), render: task }]}
                exportable
              />
            ),
          },
          { key: 'recommendations', label: t('proposal.inbox.recommendations'), children: <UnitRecommendations unitId={user.unitId ?? undefined} /> },
        ]}
      />
    </>
  );
}
