// One consultation: its six-step board with the buttons the server offers, the 八个一 checklist,
// the recommendations and the history.
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Skeleton, Steps, Tabs, Typography } from 'antd';
import { useAuth } from '../../auth';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { HistoryCard } from '../../components/HistoryCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { Checklist } from '../../components/consultations/Checklist';
import { MeetingTab } from '../../components/consultations/MeetingTab';
import { CommentsCard } from '../../components/consultations/CommentsCard';
import { Recommendations } from '../../components/consultations/Recommendations';
import { Visits } from '../../components/consultations/Visits';
import { KindTag, StateTag } from '../../components/consultations/tags';
import { STATES } from '../../components/consultations/model';
import { useConsultation, useConsultationActions, useConsultationHistory, useConsultationWrite, writes } from '../../components/consultations/queries';
import { useConsultationNoteText } from '../../components/consultations/historyNotes';

/** Steps asked about before they are taken. */
const CONFIRMED = new Set(['conclude', 'close']);

export default function ConsultationPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const c = useConsultation(id);
  const actions = useConsultationActions(id);
  const history = useConsultationHistory(id);
  const act = useConsultationWrite((action: string) => writes.act(id, action));
  const noteText = useConsultationNoteText();
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data) return <Skeleton active />;
  const data = c.data;
  const step = STATES.indexOf(data.state);
  // Online comments open and close in their own card, with the moderation choice.
  const COMMENT_ACTIONS = ['openComments', 'closeComments'];
  const steps = actions.data?.filter((a) => !COMMENT_ACTIONS.includes(a.action)) ?? [];
  const commentAction = (a: string) => !!actions.data?.some((x) => x.action === a);
  const run = (action: string) => act.mutate(action, {
    onSuccess: () => message.success(t('consultation.actionDone', { action: t(`consultation.action.${action}` as 'consultation.action.prepare') })),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <PageHeader title={data.title} />
      <Flex vertical gap={16}>
        <Flex gap={8} wrap align="center">
          <KindTag kind={data.kind} /><StateTag state={data.state} />
          <Typography.Text type="secondary">{data.year}{data.heldOn ? ` · ${t('consultation.heldOn')} ${formatDate(data.heldOn)}` : ''}</Typography.Text>
          {data.roomId && <Link to={`/consultations/rooms/${data.roomId}`}>{t('room.room')}</Link>}
        </Flex>
        {data.summary && <Typography.Paragraph style={{ margin: 0 }}>{data.summary}</Typography.Paragraph>}
        {data.topic && <Typography.Text type="secondary">{t('consultation.fromTopic')}{t('common.labelSep')}<Link to={`/consultations/topics/${data.topic.id}`}>{data.topic.title}</Link></Typography.Text>}
        <Card size="small">
          <Steps size="small" direction={isMobile ? 'vertical' : 'horizontal'} current={step} status={data.state === 'closed' ? 'finish' : 'process'}
            items={STATES.slice(0, 6).map((s) => ({ title: t(`consultation.state.${s}`) }))} />
          {steps.length > 0 && (
            <Flex gap={8} wrap style={{ marginTop: 16 }}>
              {steps.map((a) => {
                const label = t(`consultation.action.${a.action}` as 'consultation.action.prepare');
                const button = (
                  <Button key={a.action} type="primary" loading={act.isPending && act.variables === a.action} onClick={CONFIRMED.has(a.action) ? undefined : () => run(a.action)}>
                    {label}
                  </Button>
                );
                if (!CONFIRMED.has(a.action)) return button;
                // The meeting's end and the close are not taken back: asked first, the checklist's open items named.
                const open = data.checklist.filter((x) => x.state !== 'done').length;
                return (
                  <Popconfirm key={a.action} title={t('consultation.confirmStep', { action: label })} okText={label} cancelText={t('common.cancel')} onConfirm={() => run(a.action)}
                    description={open ? t('consultation.confirmStep.openTasks', { n: open }) : t('consultation.confirmStep.final')}>
                    {button}
                  </Popconfirm>
                );
              })}
            </Flex>
          )}
        </Card>
        {(data.comments.open || commentAction('openComments')) && (
          <CommentsCard id={id} open={data.comments.open} moderation={data.comments.moderation} canOpen={commentAction('openComments')} canClose={commentAction('closeComments')} canModerate={hasRole('staff')} />
        )}
        <Tabs activeKey={params.get('tab') === 'meeting' ? 'meeting' : 'overview'} onChange={(tab) => setParams(tab === 'meeting' ? { tab } : {}, { replace: true })} items={[
          { key: 'overview', label: t('meeting.tab.overview'), children: (
            <Flex vertical gap={16}>
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}><Checklist id={id} tasks={data.checklist} editable={hasRole('staff') && data.state !== 'closed'} /></Col>
                <Col xs={24} lg={12}><Recommendations id={id} canWrite={hasRole('staff') && data.state === 'assigning'} /></Col>
                {data.kind === 'supervision' && <Col xs={24}><Visits id={id} canWrite={hasRole('staff')} /></Col>}
              </Row>
              <HistoryCard title={t('consultation.history')} history={history} actions="consultation.action" stateTag={(s) => <StateTag state={s} />} noteText={noteText}
                emptyText={t('consultation.noHistory')} systemName={t('consultation.system')} />
            </Flex>
          ) },
          { key: 'meeting', label: t('meeting.tab'), children: <MeetingTab id={id} staff={hasRole('staff') && data.state !== 'closed'} scheduled={!!data.meetingOn} /> },
        ]} />
      </Flex>
    </>
  );
}
