// 协商公开: what the public reads of a consultation past its topic step, below its head on the public page —
// when and where its meeting was, its recommendations (once assigned) with what was adopted and how far it
// is carried out, and a closed consultation's comments as they stand (read-only). Phone first.
import type { ReactNode } from 'react';
import { Card, Empty, Flex, List, Progress, Skeleton, Typography, theme } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { QueryError } from '../QueryError';
import { useStandingComments, type Comment, type LiveConsultation } from './comments';
import { RecStateTag } from './tags';

/** The day it was held and its meeting's time and place, as lines of text. */
export function MeetingFacts({ c }: { c: LiveConsultation }) {
  const { t, formatDate } = useI18n();
  const day = c.heldOn ?? c.meeting?.on;
  if (!day && !c.meeting) return null;
  return (
    <Flex vertical gap={2}>
      {day && <Typography.Text type="secondary">{t('consultation.heldOn')}{t('common.labelSep')}{formatDate(day)}{c.meeting ? ` ${c.meeting.startTime}` : ''}</Typography.Text>}
      {c.meeting && <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>{t('meeting.place')}{t('common.labelSep')}{c.meeting.place}</Typography.Text>}
    </Flex>
  );
}

/** The assigned recommendations, each with its handling state, what was adopted (document, number, date) and its progress. */
export function PublicRecommendations({ c }: { c: LiveConsultation }) {
  const { t, formatDate } = useI18n();
  if (!c.recommendations.length) return null;
  return (
    <Card size="small" title={t('consultation.public.recommendations')}>
      <List
        dataSource={c.recommendations}
        renderItem={(r) => (
          <List.Item data-recommendation={r.title}>
            <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
              <Flex gap={6} wrap align="center">
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>{r.number}. {r.title}</Typography.Text>
                <RecStateTag state={r.state} />
              </Flex>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true, symbol: t('topic.more') }} style={{ margin: 0, overflowWrap: 'anywhere' }}>{r.content}</Typography.Paragraph>
              {r.outcome ? (
                <Flex vertical gap={2}>
                  <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                    {t('consultation.rec.outcome')}{t('common.labelSep')}{t(`consultation.outcome.${r.outcome.kind}` as 'consultation.outcome.party')}
                    {r.outcome.title && ` 《${r.outcome.title}》`}{r.outcome.number && ` ${r.outcome.number}`}
                  </Typography.Text>
                  {r.outcome.date && <Typography.Text type="secondary">{t('consultation.outcome.date')}{t('common.labelSep')}{formatDate(r.outcome.date)}</Typography.Text>}
                  {r.outcome.measure && <Typography.Text type="secondary">{r.outcome.measure} {r.outcome.quantity}</Typography.Text>}
                </Flex>
              ) : r.noOutcomeReason ? (
                <Typography.Text type="secondary">{t('consultation.outcome.reason')}{t('common.labelSep')}{r.noOutcomeReason}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('consultation.public.inHand')}</Typography.Text>
              )}
              {r.progress !== null && (
                <Flex gap={8} align="center">
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('consultation.outcome.progress')}</Typography.Text>
                  <Progress percent={r.progress} size="small" style={{ margin: 0, flex: 1, minWidth: 0 }} aria-label={`${t('consultation.outcome.progress')} ${r.progress}%`} />
                </Flex>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** One comment as the public reads it: author, time, the comment it answers, its text; below it `children` (the votes, or their buttons). */
export function CommentCard({ comment: x, parent, children }: { comment: Comment; parent?: Comment; children: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const { token } = theme.useToken();
  return (
    <div role="listitem" data-comment={x.id}
      style={{ padding: 12, background: token.colorBgContainer, borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}` }}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{x.authorName}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(x.createdAt)}</Typography.Text>
      </Flex>
      {parent && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0', paddingLeft: 8, borderLeft: `3px solid ${token.colorBorder}` }}>
          {t('live.replyTo', { name: parent.authorName })}{t('common.labelSep')}{parent.content}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{x.content}</Typography.Paragraph>
      {children}
    </div>
  );
}

/** A closed consultation's visible comments, newest first, as they stand: no voting, no replying. */
export function StandingComments({ c }: { c: LiveConsultation }) {
  const { t } = useI18n();
  const shown = !c.comments.open && c.commentCount > 0;
  const list = useStandingComments(c.id, shown);
  if (!shown) return null;
  const items = list.data?.items ?? [];
  const byId = new Map(items.map((x) => [x.id, x]));
  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('consultation.public.comments', { total: list.data?.total ?? c.commentCount })}</Typography.Text>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} />
        : list.isPending ? <Skeleton active />
        : !items.length ? <Empty description={t('consultation.public.noComments')} />
        : (
          <Flex vertical gap={8} role="list" aria-label={t('consultation.public.comments', { total: list.data.total })}>
            {items.map((x) => {
              const parent = x.replyTo ? byId.get(x.replyTo) : undefined;
              return (
                <CommentCard key={x.id} comment={x} parent={parent}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}><LikeOutlined /> {x.supports} <DislikeOutlined /> {x.opposes}</Typography.Text>
                </CommentCard>
              );
            })}
          </Flex>
        )}
    </Flex>
  );
}
