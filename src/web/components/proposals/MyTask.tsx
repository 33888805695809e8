// 我的任务 in a unit's inbox: what the unit owes on an item assigned to it (sign for it or return it,
// the reply of a lead unit, the opinion of a co unit) and by when; a date is red, with the days, once past.
import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { DueDate } from './ProposalTags';
import type { MyAssignment } from './model';

/** `running`: the item is being handled (its due dates run). */
export function MyTask({ a, running }: { a: MyAssignment | null; running: boolean }) {
  const { t } = useI18n();
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
}
