// 协商公开 (no login): the online consultations open for comments now (each opening its live page),
// the consultations of the year past their topic step (title, form, step, summary; newest first, each
// opening its public page) and the topics open for support; logging in (a public account too) lets one comment, propose and support.
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Flex, InputNumber, Row, Skeleton, Typography } from 'antd';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { KindTag, StateTag } from '../../components/consultations/tags';
import { TopicCard } from '../../components/consultations/TopicCard';
import { usePublicConsultations, useTopics } from '../../components/consultations/queries';
import { useOrgPath, usePublicOrgId } from '../../components/PublicOrgChooser';

export default function PublicConsultationsPage() {
  const { t, formatDate } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  // The committee chosen in the frame (?org=): its consultations and topics.
  const orgId = usePublicOrgId();
  const orgPath = useOrgPath();
  const consultations = usePublicConsultations({ year, orgId });
  const topics = useTopics({ year, orgId });
  const open = (topics.data?.items ?? []).filter((x) => x.state === 'proposed' || x.state === 'shortlisted');
  const live = (consultations.data?.items ?? []).filter((c) => c.comments.open);
  return (
    <>
      <PageHeader title={t('topic.public.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('consultation.intro')}</Typography.Paragraph>
      <Flex style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('consultation.year')} min={2000} max={2100} precision={0} value={year} addonAfter={t('consultation.year')} style={{ width: 150 }}
          onChange={(v) => setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (v) next.set('year', String(v));
            else next.delete('year');
            return next;
          }, { replace: true })} />
      </Flex>
      <Flex vertical gap={24}>
        {live.length > 0 && (
          <section aria-label={t('live.listTitle')}>
            <Typography.Title level={4}>{t('live.listTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('live.listIntro')}</Typography.Paragraph>
            <Row gutter={[12, 12]}>
              {live.map((c) => (
                <Col key={c.id} xs={24} lg={12}>
                  <Card size="small" data-live={c.title}>
                    <Flex vertical gap={8}>
                      <Link to={orgPath(`/public/consultations/${c.id}`)}><Typography.Text strong style={{ fontSize: 16 }}>{c.title}</Typography.Text></Link>
                      <Flex gap={4} wrap align="center"><KindTag kind={c.kind} /></Flex>
                      {c.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{c.summary}</Typography.Paragraph>}
                      <Flex justify="end"><Link to={orgPath(`/public/consultations/${c.id}`)}><Button type="primary">{t('live.join')}</Button></Link></Flex>
                    </Flex>
                  </Card>
                </Col>
              ))}
            </Row>
          </section>
        )}
        <section aria-label={t('topic.public.consultations')}>
          <Typography.Title level={4}>{t('topic.public.consultations')}</Typography.Title>
          {consultations.isError && <QueryError error={consultations.error} onRetry={() => void consultations.refetch()} />}
          {consultations.isPending && <Skeleton active />}
          {consultations.isSuccess && !consultations.data.items.length && <Empty description={t('consultation.empty')} />}
          <Row gutter={[12, 12]}>
            {(consultations.data?.items ?? []).map((c) => (
              <Col key={c.id} xs={24} lg={12}>
                <Card size="small" data-consultation={c.title}>
                  <Flex vertical gap={6}>
                    {/* (its public page: its meeting, recommendations and what came of them, comments) */}
                    <Link to={orgPath(`/public/consultations/${c.id}`)} style={{ overflowWrap: 'anywhere' }}><Typography.Text strong style={{ fontSize: 15, color: 'inherit' }}>{c.title}</Typography.Text></Link>
                    <Flex gap={4} wrap align="center"><KindTag kind={c.kind} /><StateTag state={c.state} />
                      {c.heldOn ? <Typography.Text type="secondary">{t('consultation.heldOn')} {formatDate(c.heldOn)}</Typography.Text>
                        : c.meetingOn && <Typography.Text type="secondary">{t('consultation.public.meetingOn')} {formatDate(c.meetingOn)}</Typography.Text>}</Flex>
                    {c.summary && <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: t('topic.more') }} style={{ margin: 0 }}>{c.summary}</Typography.Paragraph>}
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        </section>
        <section aria-label={t('topic.public.topics')}>
          <Typography.Title level={4}>{t('topic.public.topics')}</Typography.Title>
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            message={user ? <Link to={`/consultations/topics?year=${year}`}>{t('topic.public.goPropose')}</Link> : <Link to="/login" state={{ from: `/consultations/topics?year=${year}` }}>{t('topic.public.login')}</Link>} />
          {topics.isError && <QueryError error={topics.error} onRetry={() => void topics.refetch()} />}
          {topics.isPending && <Skeleton active />}
          {topics.isSuccess && !open.length && <Empty description={t('topic.empty')} />}
          <Row gutter={[12, 12]}>
            {open.map((topic) => <Col key={topic.id} xs={24} lg={12}><TopicCard topic={topic} loggedIn={false} link={false} /></Col>)}
          </Row>
        </section>
      </Flex>
    </>
  );
}
