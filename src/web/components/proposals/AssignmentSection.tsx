// 承办单位: each unit with its role, state, return window, due date and co-handling opinion.
import { Card, Descriptions, Flex, Space, Tag, Typography, theme } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useI18n } from '../../i18n';
import { HANDLING_STATES } from './model';
import type { HandledItem, ProposalAssignment, ProposalState } from './model';
import { DueDate } from './ProposalTags';

const STATE_COLOR: Record<ProposalAssignment['state'], string> = { pending: 'gold', signed: 'green', returned: 'red', withdrawn: 'default' };

function AssignmentItem({ a, running, publicView }: { a: ProposalAssignment; running: boolean; publicView: boolean }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const active = a.state === 'pending' || a.state === 'signed';
  // The public sees who handled it, not the office's dates.
  const items: DescriptionsProps['items'] = publicView ? [] : [
    { key: 'assignedAt', label: t('proposal.assignedAt'), children: formatDate(a.assignedAt) },
    { key: 'returnBy', label: t('proposal.returnBy'), children: a.state === 'pending' ? <DueDate day={a.returnBy} /> : formatDate(a.returnBy) },
    { key: 'dueOn', label: t('proposal.dueOn'), children: <DueDate day={a.dueOn} running={active && running && !(a.role === 'co' && a.opinion)} /> },
  ];
  if (a.signedAt && !publicView) items.push({ key: 'signedAt', label: t('proposal.signedAt'), children: formatDateTime(a.signedAt) });
  if (a.returnReason) items.push({ key: 'returnReason', label: t('proposal.returnReason'), span: 'filled', children: a.returnReason });
  if (a.opinion) {
    items.push({
      key: 'opinion',
      label: t('proposal.opinion'),
      span: 'filled',
      children: (
        <Flex vertical gap={2}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.opinion}</Typography.Text>
          {a.opinionAt && <Typography.Text type="secondary">{t('proposal.opinionAt', { date: formatDateTime(a.opinionAt) })}</Typography.Text>}
        </Flex>
      ),
    });
  }
  return (
    <Flex vertical gap={6} style={{ opacity: active ? 1 : 0.65 }}>
      <Space size={6} wrap>
        <Typography.Text strong>{a.unitName}</Typography.Text>
        <Tag color={a.role === 'lead' ? 'red' : 'blue'}>{t(`proposal.role.${a.role}`)}</Tag>
        <Tag color={STATE_COLOR[a.state]}>{t(`proposal.assignmentState.${a.state}`)}</Tag>
      </Space>
      {items.length > 0 && <Descriptions items={items} size="small" column={1} />}
    </Flex>
  );
}

export function AssignmentSection({ p, publicView = false }: { p: HandledItem; publicView?: boolean }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (!p.assignments.length) return null;
  // Current units first (lead before co), then the ended ones.
  const rank = (a: ProposalAssignment) => (a.state === 'pending' || a.state === 'signed' ? 0 : 2) + (a.role === 'lead' ? 0 : 1);
  const list = [...p.assignments].sort((a, b) => rank(a) - rank(b));
  return (
    <Card title={t('proposal.section.assignments')} size="small">
      <Flex vertical gap={12}>
        {list.map((a, i) => (
          <div key={a.id} style={{ borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined, paddingTop: i ? 12 : 0 }}>
            <AssignmentItem a={a} running={HANDLING_STATES.includes(p.state as ProposalState)} publicView={publicView} />
          </div>
        ))}
      </Flex>
    </Card>
  );
}
