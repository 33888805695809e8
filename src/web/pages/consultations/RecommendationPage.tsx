// 建议详情: a recommendation of a consultation, handled by units through the same engine, sections
// and action bar as a proposal (base path /recommendations).
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ActionBar } from '../../components/proposals/ActionBar';
import { AssignmentSection } from '../../components/proposals/AssignmentSection';
import { HandlingSection } from '../../components/proposals/HandlingSection';
import { HistoryTimeline } from '../../components/proposals/HistoryTimeline';
import { ReplySection } from '../../components/proposals/ReplySection';
import { useRecommendation } from '../../components/consultations/queries';
import { RecStateTag } from '../../components/consultations/tags';

const BASE = '/recommendations';

export default function RecommendationPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const rec = useRecommendation(id);

  // A unit that returned it may no longer read it: back to its inbox.
  const afterAction = (action: string) => {
    if (action === 'return') navigate('/proposals/inbox', { replace: true });
  };
  const back = <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />;

  if (rec.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (rec.isError) {
    if (rec.error instanceof ApiError && rec.error.status === 404) {
      return <Result status="404" title={t('consultation.rec.notFound')} extra={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />;
    }
    return <QueryError error={rec.error} onRetry={() => void rec.refetch()} />;
  }
  const r = rec.data;
  const outcome = r.outcome && [`${t(`consultation.outcome.${r.outcome.kind}` as 'consultation.outcome.party')} ${r.outcome.title ?? ''} ${r.outcome.number ?? ''}`.trim(),
    r.outcome.date ? formatDate(r.outcome.date) : '', r.outcome.measure ? `${r.outcome.measure} ${r.outcome.quantity}` : ''].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader back={back} title={t('consultation.rec.heading', { n: r.number, title: r.title })} extra={<ActionBar proposalId={r.id} base={BASE} onDone={afterAction} />} />
      <Flex wrap gap={8} align="center" style={{ marginTop: -8, marginBottom: 16 }}>
        <RecStateTag state={r.state} />
        <Typography.Text type="secondary">
          {t('consultation.rec.of')}{t('common.labelSep')}<Link to={`/consultations/${r.consultationId}`}>{r.consultationTitle}</Link>
        </Typography.Text>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card title={t('consultation.rec.content')} size="small">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.content}</Typography.Paragraph>
              {(outcome || r.noOutcomeReason) && (
                <Descriptions size="small" column={1} style={{ marginTop: 12 }} items={[
                  ...(outcome ? [{ key: 'outcome', label: t('consultation.rec.outcome'), children: r.progress !== null ? `${outcome} · ${t('consultation.rec.progress')} ${r.progress}%` : outcome }] : []),
                  ...(r.noOutcomeReason ? [{ key: 'none', label: t('consultation.rec.outcome'), children: r.noOutcomeReason }] : []),
                ]} />
              )}
            </Card>
            <ReplySection p={r} letters={false} />
            <HandlingSection p={r} />
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <AssignmentSection p={r} />
            <HistoryTimeline proposalId={r.id} base={BASE} stateTag={(s) => <RecStateTag state={s} />} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
