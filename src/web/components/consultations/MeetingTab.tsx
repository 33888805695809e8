// The meeting of a consultation (互动式协商): day, place and agenda; the invitation list, the leave
// requests and the attendance (staff); the materials, speeches and minutes. Members read it and
// answer their own invitation on "my invitations".
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Form, Input, List, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import { useSectorOptions } from '../../queries';
import { DateField } from '../DateField';
import { MemberSelect } from '../MemberSelect';
import { QueryError } from '../QueryError';
import { todayInChina } from '../proposals/model';
import { FormModal } from './FormModal';
import { fileHref, meetingWrites, useMeeting, type AgendaItem, type Attendance, type FileRef, type Invitee, type Meeting } from './meeting';
import { useConsultationWrite } from './queries';
import { UploadButton } from './UploadButton';

const ATTENDANCE_COLORS: Record<Attendance, string> = { present: 'green', excused: 'gold', absent: 'red', open: 'default' };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China's day

interface MeetingForm { date: string; time: string; place: string; agenda: { time: string; title: string; speakerMemberId?: string | null; speaker?: string }[] }

export function Files({ consultationId, files }: { consultationId: string; files: (FileRef & { name?: string | null })[] }) {
  if (!files.length) return null;
  return (
    <Flex gap={4} wrap>
      {files.map((f) => (
        // A long file name wraps within a phone's width rather than running off the screen.
        <Button key={f.id} size="small" type="link" icon={<PaperClipOutlined />} href={fileHref(consultationId, f.id)} download
          style={{ maxWidth: '100%', height: 'auto', whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'left' }}>
          {f.name ? `${f.name}：` : ''}{f.filename}
        </Button>
      ))}
    </Flex>
  );
}

/** `scheduled`: the consultation has a meeting day (its page says so; without one the meeting is not asked for). */
export function MeetingTab({ id, staff, scheduled }: { id: string; staff: boolean; scheduled: boolean }) {
  const { t } = useI18n();
  const meeting = useMeeting(id, scheduled);
  const [editing, setEditing] = useState(false);
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (scheduled && meeting.isPending) return <Skeleton active />;
  const m = scheduled ? meeting.data : null;
  return (
    <Flex vertical gap={16}>
      {!m ? (
        <Card size="small">
          <Empty description={t('meeting.none')}>{staff && <Button type="primary" onClick={() => setEditing(true)}>{t('meeting.schedule')}</Button>}</Empty>
        </Card>
      ) : (
        <>
          <Overview m={m} staff={staff} onEdit={() => setEditing(true)} />
          {staff && <Invitees m={m} />}
          <MeetingFiles m={m} staff={staff} />
        </>
      )}
      {editing && <ScheduleModal id={id} m={m} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

function Overview({ m, staff, onEdit }: { m: Meeting; staff: boolean; onEdit: () => void }) {
  // (for staff, before the meeting: after it, a deadline missed is past mending)
  const late = (by: string) => staff && by < todayInChina() && m.date >= todayInChina();
  const { t, formatDate } = useI18n();
  return (
    <Card size="small" title={t('meeting.title')} extra={staff && (
      <Space wrap>
        <Button size="small" onClick={onEdit}>{t('common.edit')}</Button>
        <Button size="small" type="primary" icon={<QrcodeOutlined />} href={`/consultations/${m.consultationId}/sign-in-screen`} target="_blank">{t('meeting.signInScreen')}</Button>
      </Space>
    )}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'when', label: t('meeting.when'), children: `${formatDate(m.date)} ${m.time}` },
        { key: 'place', label: t('meeting.place'), children: m.place },
        // A deadline past while invitations are still to go (a meeting set at short notice) is said, not left to be noticed.
        { key: 'inv', label: t('meeting.invitationsBy'), children: <>{formatDate(m.invitationsBy)}{late(m.invitationsBy) && m.invitees.some((i) => !i.invitedAt) && <Tag color="red" style={{ marginLeft: 8 }}>{t('meeting.deadlinePassed')}</Tag>}</> },
        { key: 'mat', label: t('meeting.materialsBy'), children: <>{formatDate(m.materialsBy)}{late(m.materialsBy) && !m.materials.length && <Tag color="red" style={{ marginLeft: 8 }}>{t('meeting.deadlinePassed')}</Tag>}</> },
      ]} />
      <Typography.Title level={5}>{t('meeting.agenda')}</Typography.Title>
      <List size="small" dataSource={m.agenda} locale={{ emptyText: t('meeting.agenda.empty') }} renderItem={(a: AgendaItem) => (
        <List.Item><Flex gap={12} wrap><Typography.Text strong>{a.time}</Typography.Text><span>{a.title}</span>{a.speakerName && <Typography.Text type="secondary">{a.speakerName}</Typography.Text>}</Flex></List.Item>
      )} />
      <Row gutter={[16, 8]} style={{ marginTop: 8 }}>
        {(['invitees', 'attending', 'excused', 'present'] as const).map((k) => (
          <Col key={k} xs={12} sm={6}><Statistic title={t(`meeting.count.${k}`)} value={m.counts[k]} /></Col>
        ))}
      </Row>
      {!staff && m.mine && <Typography.Paragraph style={{ marginTop: 8 }}><Link to="/meetings">{t('meeting.myInvitation')}</Link></Typography.Paragraph>}
    </Card>
  );
}

function ScheduleModal({ id, m, onClose }: { id: string; m: Meeting | null | undefined; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<MeetingForm> title={t(m ? 'meeting.edit' : 'meeting.schedule')} open onClose={onClose} done={t('meeting.saved')} width={720}
      initialValues={m ? { date: m.date, time: m.time, place: m.place, agenda: m.agenda.map((a) => ({ time: a.time, title: a.title, speakerMemberId: a.speakerMemberId, speaker: a.speakerMemberId ? undefined : a.speaker ?? undefined })) }
        : { time: '09:00', agenda: [] }}
      submit={(v) => meetingWrites.schedule(id, { date: v.date, time: v.time, place: v.place,
        agenda: (v.agenda ?? []).map((a) => ({ time: a.time, title: a.title, speakerMemberId: a.speakerMemberId || null, speaker: a.speakerMemberId ? null : a.speaker || null })) })}>
      <Flex gap={12} wrap>
        <Form.Item name="date" label={t('meeting.date')} rules={[{ required: true, message: t('meeting.required') }]}><DateField /></Form.Item>
        <Form.Item name="time" label={t('meeting.time')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('meeting.timeFormat') }]}><Input placeholder="09:00" style={{ width: 100 }} /></Form.Item>
      </Flex>
      <Form.Item name="place" label={t('meeting.place')} rules={[{ required: true, message: t('meeting.required') }]}><Input maxLength={200} /></Form.Item>
      <Typography.Text strong>{t('meeting.agenda')}</Typography.Text>
      <Form.List name="agenda">
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={8} style={{ marginTop: 8 }}>
            {fields.map((f, i) => (
              <Card key={f.key} size="small">
                <Flex gap={8} wrap align="start">
                  <Form.Item name={[f.name, 'time']} label={t('meeting.time')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('meeting.timeFormat') }]}><Input style={{ width: 90 }} placeholder="09:00" /></Form.Item>
                  <Form.Item name={[f.name, 'title']} label={t('meeting.item')} rules={[{ required: true, message: t('meeting.required') }]} style={{ flex: 1, minWidth: 180 }}><Input maxLength={200} /></Form.Item>
                </Flex>
                <Flex gap={8} wrap align="start">
                  <Form.Item name={[f.name, 'speakerMemberId']} label={t('meeting.speakerMember')} style={{ minWidth: 180 }}><MemberSelect /></Form.Item>
                  <Form.Item name={[f.name, 'speaker']} label={t('meeting.speakerOther')} style={{ minWidth: 160 }}><Input maxLength={100} /></Form.Item>
                  <Space style={{ marginTop: 30 }}>
                    <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
                    <Button size="small" icon={<DeleteOutlined />} aria-label={t('meeting.removeItem')} onClick={() => remove(f.name)} />
                  </Space>
                </Flex>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ time: '', title: '' })}>{t('meeting.addItem')}</Button>
          </Flex>
        )}
      </Form.List>
    </FormModal>
  );
}

function Invitees({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const sectors = useSectorOptions();
  const [picked, setPicked] = useState<string | null>(null);
  const write = useConsultationWrite(async (fn: () => Promise<unknown>) => fn());
  const run = (fn: () => Promise<unknown>, done: (r: never) => string) =>
    write.mutate(fn, { onSuccess: (r) => message.success(done(r as never)), onError: (e) => message.error(errorText(e)) });
  const id = m.consultationId;
  const toSend = m.invitees.filter((i) => !i.invitedAt).length;
  const past = m.date < today();
  const askLeave = (i: Invitee, approve: boolean) => {
    let note = '';
    modal.confirm({
      title: t(approve ? 'meeting.leave.approveQ' : 'meeting.leave.refuseQ', { name: i.name }),
      content: <Input.TextArea aria-label={t('meeting.leave.note')} placeholder={t('meeting.leave.note')} maxLength={500} onChange={(e) => { note = e.target.value; }} />,
      okText: t(approve ? 'meeting.leave.approve' : 'meeting.leave.refuse'), cancelText: t('common.cancel'),
      onOk: () => run(() => meetingWrites.decideLeave(id, { memberId: i.memberId, approve, ...(note.trim() ? { note: note.trim() } : {}) }), () => t(approve ? 'meeting.leave.approved' : 'meeting.leave.refused')),
    });
  };
  return (
    <Card size="small" title={t('meeting.invitees')} extra={
      <Button type="primary" size="small" disabled={!toSend || past} loading={write.isPending} onClick={() => run(() => meetingWrites.invite(id), (r: { sent: number }) => t('meeting.invited', { n: r.sent }))}>
        {t('meeting.sendInvitations', { n: toSend })}
      </Button>
    }>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<string> size="small" style={{ minWidth: 140 }} placeholder={t('meeting.addSector')} value={null as unknown as string}
          options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(sectorId) => run(() => meetingWrites.addInvitees(id, { sectorIds: [sectorId] }), (r: { added: number }) => t('meeting.added', { n: r.added }))} />
        <Button size="small" onClick={() => run(() => meetingWrites.addInvitees(id, { standing: true }), (r: { added: number }) => t('meeting.added', { n: r.added }))}>{t('meeting.addStanding')}</Button>
        <div style={{ minWidth: 180 }}><MemberSelect value={picked} onChange={setPicked} placeholder={t('meeting.addMember')} /></div>
        <Button size="small" disabled={!picked} onClick={() => { const memberId = picked!; setPicked(null); run(() => meetingWrites.addInvitees(id, { memberIds: [memberId] }), (r: { added: number }) => t('meeting.added', { n: r.added })); }}>{t('meeting.add')}</Button>
      </Flex>
      <List<Invitee> size="small" dataSource={m.invitees} locale={{ emptyText: t('meeting.invitees.empty') }} renderItem={(i) => (
        <List.Item actions={[
          <Checkbox key="present" checked={!!i.signedInAt} onChange={(e) => run(() => meetingWrites.attendance(id, { memberId: i.memberId, present: e.target.checked }), () => t('meeting.attendanceSaved'))}>
            {t('meeting.present')}
          </Checkbox>,
          ...(!i.signedInAt ? [<Button key="rm" size="small" type="text" icon={<DeleteOutlined />} aria-label={t('meeting.remove', { name: i.name })}
            onClick={() => run(() => meetingWrites.removeInvitees(id, [i.memberId]), () => t('meeting.removed'))} />] : []),
        ]}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Flex gap={6} wrap align="center">
              <Typography.Text strong>{i.name}</Typography.Text>
              {i.sector && <Typography.Text type="secondary">{i.sector}</Typography.Text>}
              <Tag>{i.invitedAt ? t(`meeting.reply.${i.reply}`) : t('meeting.notInvited')}</Tag>
              {/* (a member who came after all is present, whatever their leave said) */}
              {i.leaveState && i.attendance !== 'present' && <Tag color={i.leaveState === 'approved' ? 'gold' : i.leaveState === 'refused' ? 'red' : 'orange'}>{t(`meeting.leave.${i.leaveState}`)}</Tag>}
              <Tag color={ATTENDANCE_COLORS[i.attendance]}>{t(`meeting.attendance.${i.attendance}`)}{i.signedInHow ? ` · ${t(`meeting.how.${i.signedInHow}`)}` : ''}</Tag>
            </Flex>
            {i.leaveReason && <Typography.Text type="secondary">{t('meeting.leave.reason')}{t('common.labelSep')}{i.leaveReason}{i.leaveNote ? ` · ${i.leaveNote}` : ''}</Typography.Text>}
            {i.leaveState === 'asked' && (
              <Space>
                <Button size="small" type="primary" onClick={() => askLeave(i, true)}>{t('meeting.leave.approve')}</Button>
                <Button size="small" danger onClick={() => askLeave(i, false)}>{t('meeting.leave.refuse')}</Button>
              </Space>
            )}
          </Flex>
        </List.Item>
      )} />
    </Card>
  );
}

function MeetingFiles({ m, staff }: { m: Meeting; staff: boolean }) {
  const { t } = useI18n();
  const [speaker, setSpeaker] = useState<string | undefined>();
  const id = m.consultationId;
  const speakers = [...new Map(m.agenda.filter((a) => a.speakerMemberId).map((a) => [a.speakerMemberId!, a.speakerName ?? ''])).entries()];
  const held = m.date <= today();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('meeting.materials')} extra={staff && <UploadButton size="small" label={t('meeting.upload')} done={t('meeting.uploaded')} send={(f) => meetingWrites.upload(id, 'materials', f)} />}>
          {m.materials.length ? <Files consultationId={id} files={m.materials} /> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
        </Card>
        <Card size="small" title={t('meeting.speeches')} style={{ marginTop: 16 }} extra={staff && speakers.length > 0 && (
          <Space wrap>
            <Select<string> size="small" style={{ minWidth: 110 }} placeholder={t('meeting.speaker')} value={speaker} onChange={setSpeaker} options={speakers.map(([value, label]) => ({ value, label }))} />
            <UploadButton size="small" disabled={!speaker} label={t('meeting.upload')} done={t('meeting.uploaded')} send={(f) => meetingWrites.upload(id, 'speeches', f, speaker)} />
          </Space>
        )}>
          {m.speeches.length ? <Files consultationId={id} files={m.speeches} /> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('meeting.minutes')} extra={staff && held && <UploadButton size="small" label={t('meeting.uploadMinutes')} done={t('meeting.uploaded')} send={(f) => meetingWrites.upload(id, 'minutes/file', f)} />}>
          {m.minutesFile && <Files consultationId={id} files={[m.minutesFile]} />}
          {staff && held ? <MinutesForm id={id} text={m.minutes} /> : m.minutes ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph>
            : <Typography.Text type="secondary">{t(held ? 'common.none' : 'meeting.minutesAfter')}</Typography.Text>}
        </Card>
      </Col>
    </Row>
  );
}

function MinutesForm({ id, text }: { id: string; text: string | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState(text ?? '');
  const write = useConsultationWrite((v: string) => meetingWrites.minutes(id, v));
  return (
    <Flex vertical gap={8}>
      <Input.TextArea aria-label={t('meeting.minutes')} value={value} onChange={(e) => setValue(e.target.value)} maxLength={20000} autoSize={{ minRows: 4, maxRows: 12 }} />
      <Button type="primary" disabled={!value.trim()} loading={write.isPending} style={{ alignSelf: 'flex-start' }}
        onClick={() => write.mutate(value.trim(), { onSuccess: () => message.success(t('meeting.minutesSaved')), onError: (e) => message.error(errorText(e)) })}>
        {t('meeting.saveMinutes')}
      </Button>
    </Flex>
  );
}
