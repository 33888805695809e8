// 历史记录: every state change and edit of a proposal, from GET /proposals/:id/history.
import { Card, Empty, Flex, Skeleton, Space, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { QueryError } from '../QueryError';
import { SATISFACTIONS } from './model';
import type { ContactKind, Satisfaction, SupervisionKind } from './model';
import { useProposalHistory } from './queries';
import { StateTag } from './ProposalTags';

export function HistoryTimeline({ proposalId }: { proposalId: string }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const history = useProposalHistory(proposalId);

  const actionLabel = (action: string) => {
    const key = `proposal.action.${action}` as MessageKey;
    const label = t(key);
    return label === key ? action : label;
  };

  // Notes are written by the server; a few are codes worth a label.
  const noteText = (action: string, note: string) => {
    if (action === 'evaluate' && (SATISFACTIONS as readonly string[]).includes(note)) return t(`proposal.satisfaction.${note as Satisfaction}`);
    const contact = /^(visit|phone|meeting|note) (\d{4}-\d{2}-\d{2})$/.exec(note);
    if (action === 'logContact' && contact) return `${t(`proposal.contactKind.${contact[1] as ContactKind}`)} · ${formatDate(contact[2])}`;
    const supervised = /^(visit|meeting|research) (\d{4}-\d{2}-\d{2})：([\s\S]*)$/.exec(note);
    if (action === 'supervised' && supervised) {
      return `${t(`proposal.supervision.kind.${supervised[1] as SupervisionKind}`)} · ${formatDate(supervised[2])}：${supervised[3]}`;
    }
    return note;
  };

  let body;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (history.isError) body = <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  else if (!history.data.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('proposal.history.empty')} />;
  else {
    body = (
      <Timeline
        items={history.data.map((h, i) => ({
          key: `${h.at}-${i}`,
          content: (
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <Typography.Text strong>{actionLabel(h.action)}</Typography.Text>
                {h.from && h.to && h.from !== h.to && (
                  <Space size={4}>
                    <StateTag state={h.from} />
                    <ArrowRightOutlined aria-hidden />
                    <StateTag state={h.to} />
                  </Space>
                )}
              </Space>
              <Typography.Text type="secondary">
                {formatDateTime(h.at)} · {h.actorName ?? t('proposal.history.system')}
              </Typography.Text>
              {h.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{noteText(h.action, h.note)}</Typography.Text>}
            </Flex>
          ),
        }))}
      />
    );
  }
  return (
    <Card title={t('proposal.section.history')} size="small">
      {body}
    </Card>
  );
}
