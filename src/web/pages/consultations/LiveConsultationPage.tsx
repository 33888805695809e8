// A consultation's public page (协商公开, phone first), for every consultation of the public list: its head
// (title, form, step, year, summary), its meeting, its recommendations with their outcomes (PublicRecord.tsx);
// while online comments are open, the 网络议政 live part: the comments as they come (EventSource), replies
// and support/oppose, and the post form for anyone signed in (public accounts too); once closed, the
// comments as they stand.
import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Alert, App, Badge, Button, Collapse, Empty, Flex, Input, Skeleton, Space, Typography, theme } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { ArrowLeftOutlined, DislikeOutlined, LikeOutlined, MessageOutlined, UserOutlined } from '@ant-design/icons';
import { errorText } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { QueryError } from '../../components/QueryError';
import { KindTag, StateTag } from '../../components/consultations/tags';
import { CommentCard, MeetingFacts, PublicRecommendations, StandingComments } from '../../components/consultations/PublicRecord';
import { useOrgPath } from '../../components/PublicOrgChooser';
import { postComment, useConsensus, useLiveComments, usePublicConsultation, voteOn, type Comment, type Vote } from '../../components/consultations/comments';
import { ThemeList } from '../../components/consultations/Themes';

export default function LiveConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const orgPath = useOrgPath();
  const { user } = useAuth();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const location = useLocation();
  const c = usePublicConsultation(id);
  const open = !!c.data?.comments.open;
  const live = useLiveComments(id, open);
  const consensus = useConsensus(id, open);
  // (a comment nobody has supported is no consensus, whatever its rank)
  const agreed = (consensus.data?.items ?? []).filter((x) => x.supports > 0);
  const [content, setContent] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [posting, setPosting] = useState(false);
  const box = useRef<TextAreaRef>(null);

  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data) return <Skeleton active />;
  const data = c.data;
  const byId = new Map((live.items ?? []).map((x) => [x.id, x]));
  const here = { from: location.pathname, org: data.orgId };

  const send = async () => {
    if (!content.trim()) return;
    setPosting(true);
    try {
      const posted = await postComment(id, { content: content.trim(), ...(replyTo ? { replyTo: replyTo.id } : {}) });
      live.mine(posted);
      message.success(t(posted.status === 'held' ? 'live.held' : 'live.posted'));
      setContent('');
      setReplyTo(null);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setPosting(false);
    }
  };
  const vote = async (comment: Comment, value: Vote) => {
    try {
      live.mine(await voteOn(id, comment.id, comment.myVote === value ? null : value));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto', width: '100%' }}>
      <Flex vertical gap={4}>
        <Link to={orgPath('/public/consultations')}><ArrowLeftOutlined /> {t('topic.public.title')}</Link>
        <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>{data.title}</Typography.Title>
        <Flex gap={8} wrap align="center">
          <KindTag kind={data.kind} />
          <StateTag state={data.state} />
          <Typography.Text type="secondary">{t('consultation.public.year', { year: data.year })}</Typography.Text>
          {open && <Badge status={live.connected ? 'processing' : 'default'} text={t(live.connected ? 'live.connected' : 'live.reconnecting')} />}
          {open && live.viewers !== null && <Typography.Text type="secondary"><UserOutlined /> {t('live.viewers', { count: live.viewers })}</Typography.Text>}
        </Flex>
        {data.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>{data.summary}</Typography.Paragraph>}
        <MeetingFacts c={data} />
      </Flex>

      <PublicRecommendations c={data} />

      {!open ? ((data.kind === 'online' || data.commentCount > 0) && <Alert type="info" showIcon title={t('live.closed')} />) : user ? (
        <Flex vertical gap={8} style={{ padding: 12, background: token.colorBgContainer, borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}` }}>
          {replyTo && (
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text type="secondary" ellipsis>{t('live.replyTo', { name: replyTo.authorName })}{t('common.labelSep')}{replyTo.content}</Typography.Text>
              <Button size="small" type="link" onClick={() => setReplyTo(null)}>{t('live.cancelReply')}</Button>
            </Flex>
          )}
          <Input.TextArea ref={box} value={content} onChange={(e) => setContent(e.target.value)} maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={replyTo ? t('live.replyPlaceholder', { name: replyTo.authorName }) : t('live.placeholder')} aria-label={t('live.placeholder')} />
          {/* (below the count, which antd draws under the box) */}
          <Flex justify="end" style={{ marginTop: token.marginMD }}>
            <Button type="primary" loading={posting} disabled={!content.trim()} onClick={() => void send()}>{t('live.post')}</Button>
          </Flex>
        </Flex>
      ) : (
        <Flex gap={8} wrap>
          <Link to="/login" state={here}><Button type="primary">{t('live.loginToComment')}</Button></Link>
          <Link to="/register" state={here}><Button>{t('live.registerToComment')}</Button></Link>
        </Flex>
      )}

      {open && (
        <Collapse size="small" defaultActiveKey={['themes', 'consensus']} items={[
          { key: 'themes', label: t('themes.title'), children: <ThemeList id={id} /> },
          {
            key: 'consensus', label: t('live.consensus'), children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('live.consensusHint')}</Typography.Text>
                {!consensus.data ? <Skeleton active paragraph={{ rows: 2 }} /> : !agreed.length ? <Typography.Text type="secondary">{t('live.consensusNone')}</Typography.Text> : (
                  <Flex vertical gap={8} role="list" aria-label={t('live.consensus')}>
                    {agreed.map((x) => (
                      <Flex key={x.id} vertical gap={2} role="listitem" style={{ borderBottom: `1px solid ${token.colorBorderSecondary}`, paddingBottom: 6 }}>
                        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0, overflowWrap: 'anywhere' }}>{x.content}</Typography.Paragraph>
                        <Flex gap={8} wrap>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.authorName}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('live.consensusGroups', { count: x.consensus.supportingGroups })}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}><LikeOutlined /> {x.supports} <DislikeOutlined /> {x.opposes}</Typography.Text>
                        </Flex>
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Flex>
            ),
          },
        ]} />
      )}

      {open && (
        <>
          <Typography.Text strong>{t('live.comments', { total: live.total })}</Typography.Text>
          {live.error ? <QueryError error={live.error} onRetry={() => window.location.reload()} />
            : !live.items ? <Skeleton active />
            : !live.items.length ? <Empty description={t('live.noComments')} />
            : (
              <Flex vertical gap={8} role="list" aria-label={t('live.comments', { total: live.total })}>
                {live.items.map((x) => {
                  const parent = x.replyTo ? byId.get(x.replyTo) : undefined;
                  return (
                    <CommentCard key={x.id} comment={x} parent={parent}>
                      <Space size={4} wrap>
                        <Button size="small" type={x.myVote === 'support' ? 'primary' : 'text'} icon={<LikeOutlined />} disabled={!user} aria-label={t('live.support')}
                          onClick={() => void vote(x, 'support')}>{x.supports}</Button>
                        <Button size="small" type={x.myVote === 'oppose' ? 'primary' : 'text'} icon={<DislikeOutlined />} disabled={!user} aria-label={t('live.oppose')}
                          onClick={() => void vote(x, 'oppose')}>{x.opposes}</Button>
                        {user && (
                          <Button size="small" type="text" icon={<MessageOutlined />} onClick={() => { setReplyTo(x); box.current?.focus(); }}>{t('live.reply')}</Button>
                        )}
                      </Space>
                    </CommentCard>
                  );
                })}
              </Flex>
            )}
        </>
      )}
      <StandingComments c={data} />
    </Flex>
  );
}
