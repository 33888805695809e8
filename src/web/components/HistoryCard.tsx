// 历史记录 of a workflow object (GET …/:id/history): each state change and edit, who and when,
// with its note. Proposals and 社情民意 reports give their labels, state tags and notes.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Space, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { QueryError } from './QueryError';

export interface HistoryItem<S extends string = string> { at: string; actorName: string | null; action: string; from: S | null; to: S | null; note: string | null }

interface Props<S extends string> {
  title: string;
  history: UseQueryResult<HistoryItem<S>[], unknown>;
  /** Where the actions' labels are: `${actions}.${action}` (the action's own name when there is none). */
  actions: 'proposal.action' | 'opinion.action' | 'selection.action' | 'consultation.action' | 'topic.action';
  stateTag: (state: S) => ReactNode;
  noteText?: (action: string, note: string) => ReactNode;
  emptyText: string;
  systemName: string;
}

export function HistoryCard<S extends string>({ title, history, actions, stateTag, noteText, emptyText, systemName }: Props<S>) {
  const { t, formatDateTime, formatDatesIn } = useI18n();
  const actionLabel = (action: string) => {
    const key = `${actions}.${action}` as MessageKey;
    return t(key) === key ? action : t(key);
  };
  let body;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (history.isError) body = <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  else if (!history.data.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
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
                    {stateTag(h.from)}
                    <ArrowRightOutlined aria-hidden />
                    {stateTag(h.to)}
                  </Space>
                )}
              </Space>
              <Typography.Text type="secondary">
                {formatDateTime(h.at)} · {h.actorName ?? systemName}
              </Typography.Text>
              {h.note && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{noteText ? noteText(h.action, h.note) : formatDatesIn(h.note)}</Typography.Text>}
            </Flex>
          ),
        }))}
      />
    );
  }
  return (
    <Card title={title} size="small">
      {body}
    </Card>
  );
}
