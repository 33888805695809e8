// One council room (协商在一线·委员议事室): its host and place, members, sessions and figures. Staff
// change its members, edit it and open sessions with a short form (a topic and a summary: a
// frontline session of this room, this year, then the usual six steps on its own page).
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Row, Select, Skeleton, Statistic, Switch, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { MembersSelect } from '../../components/MemberSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { FormModal } from '../../components/consultations/FormModal';
import { StateTag } from '../../components/consultations/tags';
import type { Room } from '../../components/consultations/model';
import { useRoom, writes } from '../../components/consultations/queries';

type Dialog = 'members' | 'edit' | 'session' | null;

function RoomDialogs({ room, dialog, close }: { room: Room; dialog: Dialog; close: () => void }) {
  const { t } = useI18n();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const known = room.memberList.map((m) => ({ id: m.id, name: m.name }));
  return (
    <>
      <FormModal<{ memberIds: string[]; convenerIds?: string[] }>
        title={t('room.editMembers')} open={dialog === 'members'} onClose={close} done={t('room.membersSaved')}
        initialValues={{ memberIds: room.memberList.map((m) => m.id), convenerIds: room.memberList.filter((m) => m.convener).map((m) => m.id) }}
        submit={(v) => writes.roomMembers(room.id, { memberIds: v.memberIds ?? [], convenerIds: (v.convenerIds ?? []).filter((id) => (v.memberIds ?? []).includes(id)) })}
      >
        <Form.Item name="memberIds" label={t('room.members')}><MembersSelect known={known} /></Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => (
            <Form.Item name="convenerIds" label={t('room.conveners')}>
              <Select mode="multiple" options={((getFieldValue('memberIds') as string[] | undefined) ?? []).map((id) => ({ value: id, label: known.find((m) => m.id === id)?.name ?? id }))} />
            </Form.Item>
          )}
        </Form.Item>
      </FormModal>
      <FormModal<{ name: string; place?: string; note?: string; active: boolean }>
        title={t('room.edit')} open={dialog === 'edit'} onClose={close} done={t('room.saved')}
        initialValues={{ name: room.name, place: room.place ?? undefined, note: room.note ?? undefined, active: room.active }}
        submit={(v) => writes.editRoom(room.id, { name: v.name, place: v.place || null, note: v.note || null, active: v.active })}
      >
        <Form.Item name="name" label={t('room.name')} rules={required(t('room.name'))}><Input maxLength={100} /></Form.Item>
        <Form.Item name="place" label={t('room.place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="note" label={t('room.note')}><Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
        <Form.Item name="active" label={t('room.active')} valuePropName="checked"><Switch /></Form.Item>
      </FormModal>
      <FormModal<{ title: string; summary?: string }>
        title={t('room.newSession')} open={dialog === 'session'} onClose={close} done={t('room.sessionCreated')}
        submit={(v) => writes.create({ ...v, kind: 'frontline', year: new Date().getFullYear(), roomId: room.id })}
      >
        <Form.Item name="title" label={t('room.sessionTitle')} rules={required(t('room.sessionTitle'))}><Input maxLength={200} /></Form.Item>
        <Form.Item name="summary" label={t('room.sessionSummary')}><Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} /></Form.Item>
      </FormModal>
    </>
  );
}

export default function RoomPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { hasRole } = useAuth();
  const [dialog, setDialog] = useState<Dialog>(null);
  const room = useRoom(id);
  if (room.isError) return <QueryError error={room.error} onRetry={() => void room.refetch()} />;
  if (!room.data) return <Skeleton active />;
  const r = room.data;
  const staff = hasRole('staff');
  return (
    <>
      <PageHeader title={r.name} extra={staff && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('room.edit')}</Button>} />
      <Flex vertical gap={16}>
        <Flex gap={6} wrap>
          <Tag>{t(`room.hostKind.${r.host.kind}`)}</Tag>
          {r.mine && <Tag color="blue">{t('room.myRoom')}</Tag>}
          {!r.active && <Tag>{t('room.closed')}</Tag>}
        </Flex>
        <Descriptions size="small" column={1} items={[
          { key: 'host', label: t('room.host'), children: r.host.name },
          ...(r.place ? [{ key: 'place', label: t('room.place'), children: r.place }] : []),
          ...(r.note ? [{ key: 'note', label: t('room.note'), children: r.note }] : []),
        ]} />
        <Row gutter={[12, 12]}>
          <Col xs={8}><Card size="small"><Statistic title={t('room.members')} value={r.members} /></Card></Col>
          <Col xs={8}><Card size="small"><Statistic title={t('room.sessions')} value={r.sessions} /></Card></Col>
          <Col xs={8}><Card size="small"><Statistic title={t('room.held')} value={r.held} /></Card></Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('room.members')} extra={staff && <Button size="small" icon={<TeamOutlined />} onClick={() => setDialog('members')}>{t('room.editMembers')}</Button>}>
              <List dataSource={r.memberList} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('room.noMembers')} /> }}
                renderItem={(m) => (
                  <List.Item>
                    <Flex gap={6} wrap align="center">
                      <Link to={`/members/${m.id}`}>{m.name}</Link>
                      {m.convener && <Tag color="gold">{t('room.convener')}</Tag>}
                      <Typography.Text type="secondary">{[m.sector, m.workplace].filter(Boolean).join(' · ')}</Typography.Text>
                    </Flex>
                  </List.Item>
                )} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('room.sessions')}
              extra={staff && r.active && <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('session')}>{t('room.newSession')}</Button>}>
              <List dataSource={r.sessionList} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('room.noSessions')} /> }}
                renderItem={(s) => (
                  <List.Item>
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Link to={`/consultations/${s.id}`}><Typography.Text strong>{s.title}</Typography.Text></Link>
                      <Flex gap={6} wrap align="center">
                        <StateTag state={s.state} />
                        {s.heldOn && <Typography.Text type="secondary">{formatDate(s.heldOn)}</Typography.Text>}
                      </Flex>
                    </Flex>
                  </List.Item>
                )} />
            </Card>
          </Col>
        </Row>
      </Flex>
      <RoomDialogs room={r} dialog={dialog} close={() => setDialog(null)} />
    </>
  );
}
