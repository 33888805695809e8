// 双联见面会: the yearly meeting held during the plenary, where party-member members meet non-party
// members face to face. Staff record it (date, place, session, attendees, topics, the opinions
// collected, each by who raised it); an opinion becomes a draft as a contact's does.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Empty, Flex, Form, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { FormModal } from '../../components/FormModal';
import { MemberSelect } from '../../components/MemberSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CollectedOpinions } from '../../components/liaison/CollectedOpinions';
import type { CollectedOpinion } from '../../components/liaison/model';
import { LIAISON_KEY, useLiaisonWrite } from '../../components/liaison/queries';
import { todayInChina } from '../../components/proposals/model';
import { useTerms } from '../../queries';
import type { ItemList, Member, Page } from '../../types';

interface MeetingItem { id: string; year: number; date: string; place: string; sessionId: string; topics: string[]; termNumber: number | null; sessionNumber: number | null; attendees: number; opinions: number }
interface MeetingDetail extends Omit<MeetingItem, 'attendees' | 'opinions'> {
  attendees: { id: string; name: string; party: string }[];
  opinions: (CollectedOpinion & { memberId: string | null; memberName: string | null })[];
}
interface Values { date: string; place: string; sessionId: string; attendeeIds: string[]; topics?: string; opinions?: { memberId?: string | null; content?: string }[] }

function MeetingModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const terms = useTerms();
  const members = useQuery({ queryKey: ['members', 'all-options'], queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', { pageSize: 200 }, signal) });
  const hold = useLiaisonWrite((v: Values) => api.post('/api/v1/liaison/meetings', {
    date: v.date, place: v.place.trim(), sessionId: v.sessionId, attendeeIds: v.attendeeIds ?? [],
    topics: (v.topics ?? '').split('\n').map((x) => x.trim()).filter(Boolean),
    opinions: (v.opinions ?? []).filter((o) => o.memberId && o.content?.trim()).map((o) => ({ memberId: o.memberId!, content: o.content!.trim() })),
  }));
  const sessions = (terms.data ?? []).flatMap((term) => term.sessions.map((s) => ({ value: s.id, label: `${t('meeting.sessionLabel', { term: term.number, number: s.number })}（${s.startsOn}）` })));
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <FormModal<Values> title={t('meeting.new')} open onClose={onClose} submit={hold.mutateAsync} submitting={hold.isPending} done={t('meeting.held')} initialValues={{ date: todayInChina(), opinions: [] }} width={640}>
      <Form.Item name="sessionId" label={t('meeting.session')} rules={[required(t('meeting.session'))]}><Select options={sessions} /></Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="date" label={t('meeting.date')} rules={[required(t('meeting.date'))]}><DateField max={todayInChina()} /></Form.Item>
        <Form.Item name="place" label={t('meeting.place')} rules={[{ ...required(t('meeting.place')), whitespace: true }]} style={{ flex: 1, minWidth: 200 }}><Input maxLength={100} /></Form.Item>
      </Flex>
      <Form.Item name="attendeeIds" label={t('meeting.attendees')} rules={[required(t('meeting.attendees'))]}>
        <Select mode="multiple" optionFilterProp="label" options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} />
      </Form.Item>
      <Form.Item name="topics" label={t('meeting.topics')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} /></Form.Item>
      <Form.Item label={t('meeting.opinions')}>
        <Form.List name="opinions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item name={[field.name, 'memberId']} noStyle><MemberSelect placeholder={t('meeting.opinion.member')} /></Form.Item>
                  <Form.Item name={[field.name, 'content']} noStyle>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} aria-label={`${t('meeting.opinion.content')} ${i + 1}`} placeholder={t('meeting.opinion.content')} style={{ flex: 1, minWidth: 200 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('liaison.contact.remove')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>{t('meeting.addOpinion')}</Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </FormModal>
  );
}

function MeetingBody({ id }: { id: string }) {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const meeting = useQuery({ queryKey: [...LIAISON_KEY, 'meeting', id], queryFn: ({ signal }) => api.get<MeetingDetail>(`/api/v1/liaison/meetings/${id}`, undefined, signal) });
  if (meeting.isError) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (!meeting.data) return <Skeleton active />;
  const m = meeting.data;
  const office = hasRole('staff', 'admin');
  const own = m.opinions.filter((o) => o.memberId === user?.memberId);
  const others = m.opinions.filter((o) => o.memberId !== user?.memberId);
  const labelled = (os: MeetingDetail['opinions']) => os.map((o) => ({ ...o, content: o.memberName ? `${o.memberName}：${o.content}` : o.content }));
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={6}>{m.attendees.map((a) => <Tag key={a.id}>{a.name}</Tag>)}</Flex>
      {m.topics.length > 0 && <Typography.Text>{m.topics.join('；')}</Typography.Text>}
      <Typography.Text strong>{t('meeting.opinions')}</Typography.Text>
      {own.length > 0 && <CollectedOpinions opinions={own} canConvert />}
      <CollectedOpinions opinions={labelled(others)} canConvert={office} />
    </Flex>
  );
}

export default function LiaisonMeetingsPage() {
  const { t, formatDate } = useI18n();
  const { hasRole } = useAuth();
  const meetings = useQuery({ queryKey: [...LIAISON_KEY, 'meetings'], queryFn: ({ signal }) => api.get<ItemList<MeetingItem>>('/api/v1/liaison/meetings', undefined, signal) });
  const [recording, setRecording] = useState(false);
  const items = meetings.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('nav.liaisonMeetings')} extra={
        <>
          <ExportButton href="/api/v1/liaison/meetings.xlsx" total={meetings.data?.items.length} />
          {hasRole('staff', 'admin') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>{t('meeting.new')}</Button>}
        </>
      } />
      {meetings.isError && <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />}
      {meetings.isPending ? <Skeleton active /> : items.length === 0 ? <Empty description={t('liaison.meeting.none')} /> : (
        <Card size="small">
          <Collapse
            defaultActiveKey={items[0] ? [items[0].id] : []}
            items={items.map((m) => ({
              key: m.id,
              label: [formatDate(m.date), m.place, m.termNumber ? t('meeting.sessionLabel', { term: m.termNumber, number: m.sessionNumber ?? '' }) : '', t('meeting.counts', { attendees: m.attendees, opinions: m.opinions })].filter(Boolean).join(' · '),
              children: <MeetingBody id={m.id} />,
            }))}
          />
        </Card>
      )}
      {recording && <MeetingModal onClose={() => setRecording(false)} />}
    </>
  );
}
