// One topic in a list: what it is, who proposed it, how many support it, its answer or what it
// became, and (for a logged-in reader) the buttons the server offers.
import { Link } from 'react-router-dom';
import { Card, Flex, Typography } from 'antd';
import { LikeOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { isPublicOnly } from '../../types';
import { KindTag, TopicStateTag } from './tags';
import { TopicActions } from './TopicActions';
import type { Topic } from './model';

export function proposerText(t: ReturnType<typeof useI18n>['t'], p: Topic['proposer']) {
  if (p.kind === 'office') return t('topic.proposer.office');
  if (p.kind === 'public') return p.name ? t('topic.proposer.publicNamed', { name: p.name }) : t('topic.proposer.public');
  return p.name ?? t(`topic.proposer.${p.kind}`);
}

/**
 * Where a topic's consultation opens for the reader: the committee's people its office page; the public
 * (a visitor, a public account) its public page once it is on the public list — before that, nothing to open.
 */
export function useConsultationLink() {
  const { user } = useAuth();
  const insider = !!user && !isPublicOnly(user);
  return (consultationId: string, onPublicList: boolean) =>
    insider ? `/consultations/${consultationId}` : onPublicList ? `/public/consultations/${consultationId}` : null;
}

export function TopicCard({ topic, loggedIn, link = true }: { topic: Topic; loggedIn: boolean; link?: boolean }) {
  const { t } = useI18n();
  const consultationLink = useConsultationLink();
  const to = topic.consultationId ? consultationLink(topic.consultationId, topic.consultationPublic) : null;
  return (
    <Card size="small" data-topic={topic.title}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {link ? <Link to={`/consultations/topics/${topic.id}`}>{topic.title}</Link> : topic.title}
          </Typography.Text>
          <Typography.Text aria-label={t('topic.supports', { n: topic.supportCount })} style={{ whiteSpace: 'nowrap' }}>
            <LikeOutlined /> {topic.supportCount}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap align="center">
          <TopicStateTag state={topic.state} />
          {topic.suggestedKind && <KindTag kind={topic.suggestedKind} />}
          <Typography.Text type="secondary">{proposerText(t, topic.proposer)}{topic.mine ? ` · ${t('topic.mine')}` : ''}</Typography.Text>
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('topic.more') }} style={{ margin: 0 }}>{topic.reason}</Typography.Paragraph>
        {topic.answer && <Typography.Text type="secondary">{t('topic.answer')}{t('common.labelSep')}{topic.answer}</Typography.Text>}
        {topic.consultationId && (to ? <Link to={to}>{t('topic.madeConsultation')}</Link> : <Typography.Text type="secondary">{t('topic.madeConsultationSoon')}</Typography.Text>)}
        {loggedIn && <TopicActions topic={topic} />}
      </Flex>
    </Card>
  );
}
