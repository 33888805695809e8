// One topic: what was proposed, its support, the answer or what it became, the buttons the server
// offers and its history (notifications to the proposer link here).
import { Link, useParams } from 'react-router-dom';
import { Card, Descriptions, Flex, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { HistoryCard } from '../../components/HistoryCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { KindTag, StateTag, TopicStateTag } from '../../components/consultations/tags';
import { proposerText, useConsultationLink } from '../../components/consultations/TopicCard';
import { TopicActions } from '../../components/consultations/TopicActions';
import { useTopic, useTopicHistory } from '../../components/consultations/queries';

export default function TopicPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { hasRole } = useAuth();
  const topic = useTopic(id);
  const history = useTopicHistory(id);
  const consultationLink = useConsultationLink();
  if (topic.isError) return <QueryError error={topic.error} onRetry={() => void topic.refetch()} />;
  if (!topic.data) return <Skeleton active />;
  const d = topic.data;
  const consultationTo = d.consultation && consultationLink(d.consultation.id, d.consultationPublic);
  return (
    <>
      <PageHeader title={d.title} back={<Link to={`/consultations/topics?year=${d.year}`} aria-label={t('nav.consultationTopics')}><ArrowLeftOutlined /></Link>} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Flex vertical gap={12}>
            <Flex gap={8} wrap align="center"><TopicStateTag state={d.state} />{d.suggestedKind && <KindTag kind={d.suggestedKind} />}
              <Typography.Text>{t('topic.supports', { n: d.supportCount })}</Typography.Text></Flex>
            <Descriptions size="small" column={1} items={[
              { key: 'year', label: t('consultation.year'), children: d.year },
              { key: 'proposer', label: t('topic.proposer'), children: `${proposerText(t, d.proposer)} · ${formatDate(d.createdAt)}` },
              { key: 'reason', label: t('topic.reason'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.reason}</Typography.Paragraph> },
              ...(d.suggestedOwner ? [{ key: 'owner', label: t('topic.suggestedOwnerShown'), children: d.suggestedOwner }] : []),
              ...(d.answer ? [{ key: 'answer', label: t('topic.answer'), children: d.answer }] : []),
              ...(d.mergedInto ? [{ key: 'into', label: t('topic.mergeInto'), children: <Link to={`/consultations/topics/${d.mergedInto.id}`}>{d.mergedInto.title}</Link> }] : []),
              ...(d.consultation ? [{ key: 'c', label: t('topic.pickAs.consultation'), children: <Flex gap={8} wrap>{consultationTo ? <Link to={consultationTo}>{d.consultation.title}</Link> : d.consultation.title}<StateTag state={d.consultation.state} /></Flex> }] : []),
              ...(d.planItem ? [{ key: 'p', label: t('topic.pickAs.planItem'), children: <Link to={`/consultations/plan?year=${d.planItem.year}`}>{t('topic.madePlanItem', { year: d.planItem.year, month: d.planItem.month })}</Link> }] : []),
            ]} />
            <TopicActions topic={d} />
          </Flex>
        </Card>
        <HistoryCard title={t('consultation.history')} history={history} actions="topic.action" stateTag={(s) => <TopicStateTag state={s} />}
          emptyText={t('consultation.noHistory')} systemName={hasRole('public') && !hasRole('admin', 'staff', 'leader', 'member', 'unit') ? t('topic.committee') : t('consultation.system')} />
      </Flex>
    </>
  );
}
