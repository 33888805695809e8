// A member's meeting invitations: reply (attend, or ask for leave with a reason), see the decision,
// sign in at the venue, and upload one's speech when on the agenda.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { meetingWrites, useMyInvitations, type Invitation } from '../../components/consultations/meeting';
import { useConsultationWrite } from '../../components/consultations/queries';
import { UploadButton } from '../../components/consultations/UploadButton';

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export default function MyInvitationsPage() {
  const { t } = useI18n();
  const list = useMyInvitations();
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <PageHeader title={t('meeting.mine')} />
      {!list.data ? <Skeleton active /> : list.data.length === 0 ? <Empty description={t('meeting.mine.empty')} /> : (
        <Flex vertical gap={12}>{list.data.map((i) => <InvitationCard key={i.consultationId} i={i} />)}</Flex>
      )}
    </>
  );
}

function InvitationCard({ i }: { i: Invitation }) {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const write = useConsultationWrite((body: { answer: 'attend' | 'leave'; reason?: string }) => meetingWrites.reply(i.consultationId, body));
  const upcoming = i.date >= chinaToday();
  const answer = (body: { answer: 'attend' | 'leave'; reason?: string }) => write.mutate(body, {
    onSuccess: () => { setAsking(false); message.success(t(body.answer === 'attend' ? 'meeting.replied.attend' : 'meeting.replied.leave')); },
    onError: (e) => message.error(errorText(e)),
  });
  const status = i.signedInAt ? 'present' : i.attendance;
  return (
    <Card size="small" title={<Link to={`/consultations/${i.consultationId}?tab=meeting`}>{i.title}</Link>}>
      <Flex vertical gap={8}>
        <Typography.Text>{formatDate(i.date)} {i.time} · {i.place}</Typography.Text>
        <Space wrap>
          <Tag>{t(`meeting.reply.${i.reply}`)}</Tag>
          {i.leaveState && <Tag color={i.leaveState === 'approved' ? 'gold' : i.leaveState === 'refused' ? 'red' : 'orange'}>{t(`meeting.leave.${i.leaveState}`)}</Tag>}
          {status !== 'open' && <Tag color={status === 'present' ? 'green' : status === 'excused' ? 'gold' : 'red'}>{t(`meeting.attendance.${status}`)}</Tag>}
          {i.speaker && <Tag color="blue">{t('meeting.youSpeak')}</Tag>}
        </Space>
        {i.leaveNote && <Typography.Text type="secondary">{t('meeting.leave.note')}{t('common.labelSep')}{i.leaveNote}</Typography.Text>}
        {upcoming && !i.signedInAt && (
          asking ? (
            <Flex vertical gap={8}>
              <Input.TextArea aria-label={t('meeting.leave.reason')} placeholder={t('meeting.leave.reason')} value={reason} maxLength={500} autoSize={{ minRows: 2 }} onChange={(e) => setReason(e.target.value)} />
              <Space wrap>
                <Button type="primary" disabled={!reason.trim()} loading={write.isPending} onClick={() => answer({ answer: 'leave', reason: reason.trim() })}>{t('meeting.leave.send')}</Button>
                <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
              </Space>
            </Flex>
          ) : (
            <Space wrap>
              {i.reply !== 'attend' && <Button type="primary" loading={write.isPending} onClick={() => answer({ answer: 'attend' })}>{t('meeting.attend')}</Button>}
              {i.leaveState !== 'approved' && i.leaveState !== 'asked' && <Button onClick={() => setAsking(true)}>{t('meeting.askLeave')}</Button>}
              <Link to={`/meetings/${i.consultationId}/sign-in`}><Button>{t('meeting.signIn.title')}</Button></Link>
            </Space>
          )
        )}
        {i.speaker && (
          <UploadButton label={t('meeting.uploadSpeech')} done={t('meeting.uploaded')} send={(f) => meetingWrites.upload(i.consultationId, 'speeches', f)} style={{ alignSelf: 'flex-start' }} />
        )}
      </Flex>
    </Card>
  );
}
