// 党的组织 (staff, leaders): the groups as a tree (党组 → 机关党委 → 支部 → 小组; 党员委员活动小组),
// a group's members (committee members, or office staff by name) and its activities (三会一课,
// 主题党日), and the organisation in figures.
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Select, Statistic, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { MemberSelect } from '../../components/MemberSelect';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { todayInChina } from '../../components/proposals/model';
import { ACTIVITY_KINDS, GROUP_KINDS } from '../../components/party/model';
import type { ActivityKind, GroupDetail, GroupEntry, GroupKind, PartyActivity, PartyGroup } from '../../components/party/model';
import { useActivities, useFigures, useGroup, useGroups, usePartyWrite } from '../../components/party/queries';
import { useCommitteeOptions, useCounties } from '../../queries';
import { thisYear } from '../../components/liaison/model';

/** What a 党员委员活动小组 rests on: a special committee or a county (inside the group form). */
function RestsOn() {
  const { t } = useI18n();
  const committees = useCommitteeOptions();
  const counties = useCounties();
  const kind = Form.useWatch('kind', Form.useFormInstance()) as GroupKind | undefined;
  if (kind !== 'memberGroup') return null;
  return (
    <>
      <Form.Item name="committeeId" label={t('party.group.committee')}><Select allowClear options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
      <Form.Item name="countyOrgId" label={t('party.group.county')}><Select allowClear options={(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
    </>
  );
}

function GroupModal({ groups, onClose, onDone }: { groups: PartyGroup[]; onClose: () => void; onDone: (g: GroupDetail) => void }) {
  const { t } = useI18n();
  // A new group most often is a branch of the office party committee; the first, that committee.
  const office = groups.find((g) => g.kind === 'officeCommittee');
  const create = usePartyWrite((v: { kind: GroupKind; name: string; parentId?: string; committeeId?: string; countyOrgId?: string }) => api.post<GroupDetail>('/api/v1/party/groups', { ...v, name: v.name.trim() }));
  return (
    <FormModal title={t('party.newGroup')} open onClose={onClose} submit={create.mutateAsync} submitting={create.isPending} done={t('party.group.created')} onDone={onDone}
      initialValues={office ? { kind: 'branch', parentId: office.id } : { kind: groups.length ? 'memberGroup' : 'officeCommittee' }}>
      <Form.Item name="kind" label={t('party.group.kind')} rules={[{ required: true }]}>
        <Select options={GROUP_KINDS.map((k) => ({ value: k, label: t(`party.groupKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('party.group.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('party.group.name') }) }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="parentId" label={t('party.group.parent')}>
        <Select allowClear options={groups.map((g) => ({ value: g.id, label: `${g.name}（${t(`party.groupKind.${g.kind}`)}）` }))} />
      </Form.Item>
      <RestsOn />
    </FormModal>
  );
}

function MemberModal({ group, onClose }: { group: GroupDetail; onClose: () => void }) {
  const { t } = useI18n();
  const add = usePartyWrite((v: { memberId?: string | null; name?: string; role?: string }) => {
    if (!v.memberId && !v.name?.trim()) return Promise.reject(new Error(t('party.member.either')));
    return api.post<GroupEntry>(`/api/v1/party/groups/${group.id}/members`, {
      ...(v.memberId ? { memberId: v.memberId } : { name: v.name!.trim() }), ...(v.role?.trim() ? { role: v.role.trim() } : {}),
    });
  });
  return (
    <FormModal title={`${t('party.addMember')} · ${group.name}`} open onClose={onClose} submit={add.mutateAsync} submitting={add.isPending} done={t('party.member.added')}>
      <Form.Item name="memberId" label={t('party.member.fromRoster')}><MemberSelect /></Form.Item>
      <Form.Item name="name" label={t('party.member.name')}><Input maxLength={50} /></Form.Item>
      <Form.Item name="role" label={t('party.member.role')}><Input maxLength={20} /></Form.Item>
    </FormModal>
  );
}

function ActivityModal({ group, onClose }: { group: GroupDetail; onClose: () => void }) {
  const { t } = useI18n();
  const log = usePartyWrite((v: { kind: ActivityKind; date: string; topic: string; attendeeIds?: string[] }) =>
    api.post<PartyActivity>(`/api/v1/party/groups/${group.id}/activities`, { kind: v.kind, date: v.date, topic: v.topic.trim(), attendeeIds: v.attendeeIds ?? [] }));
  return (
    <FormModal title={`${t('party.logActivity')} · ${group.name}`} open onClose={onClose} submit={log.mutateAsync} submitting={log.isPending} done={t('party.activity.logged')}
      initialValues={{ kind: group.kind === 'cell' ? 'cellMeeting' : 'themeDay', date: todayInChina(), attendeeIds: group.members.map((m) => m.id) }}>
      <Form.Item name="kind" label={t('party.activity.kind')}><Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`party.activityKind.${k}`) }))} /></Form.Item>
      <Form.Item name="date" label={t('party.activity.date')} rules={[{ required: true, message: t('common.required', { field: t('party.activity.date') }) }]}><DateField max={todayInChina()} /></Form.Item>
      <Form.Item name="topic" label={t('party.activity.topic')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('party.activity.topic') }) }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="attendeeIds" label={t('party.activity.attendees')}><Select mode="multiple" options={group.members.map((m) => ({ value: m.id, label: m.name }))} /></Form.Item>
    </FormModal>
  );
}

export function ActivityList({ activities, loading }: { activities: PartyActivity[]; loading: boolean }) {
  const { t, formatDate } = useI18n();
  return (
    <List
      loading={loading}
      dataSource={activities}
      locale={{ emptyText: t('party.noActivities') }}
      renderItem={(a) => (
        <List.Item>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <Flex gap={8} wrap align="center"><Tag style={{ marginInlineEnd: 0 }}>{t(`party.activityKind.${a.kind}`)}</Tag><Typography.Text strong>{a.topic}</Typography.Text></Flex>
            <Typography.Text type="secondary">{[formatDate(a.date), a.groupName, t('party.activity.attendeeCount', { n: a.attendees.length })].join(' · ')}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function GroupPanel({ id, canManage }: { id: string; canManage: boolean }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const group = useGroup(id);
  const activities = useActivities({ groupId: id, pageSize: 50 });
  const [adding, setAdding] = useState(false);
  const [logging, setLogging] = useState(false);
  const remove = usePartyWrite((e: GroupEntry) => api.del(`/api/v1/party/groups/${id}/members/${e.id}`));
  if (group.isError) return <QueryError error={group.error} onRetry={() => void group.refetch()} />;
  const g = group.data;
  if (!g) return <Card loading />;
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={<Flex gap={8} align="center" wrap><Tag color="red" style={{ marginInlineEnd: 0 }}>{t(`party.groupKind.${g.kind}`)}</Tag>{g.name}</Flex>}
        extra={canManage && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('party.addMember')}</Button>}>
        <Typography.Text type="secondary">{t('party.members', { n: g.members.length })}</Typography.Text>
        <Flex wrap gap={6} style={{ marginTop: 8 }}>
          {g.members.map((m) => (
            <Tag key={m.id} closable={canManage} onClose={(e) => {
              e.preventDefault();
              modal.confirm({ title: t('party.member.removeConfirm', { name: m.name }), onOk: () => remove.mutateAsync(m).then(() => void message.success(t('party.member.removed'))) });
            }}>{m.role ? `${m.name}（${m.role}）` : m.name}</Tag>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('party.activities')} extra={canManage && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)}>{t('party.logActivity')}</Button>}>
        <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={`/api/v1/party/activities.xlsx?groupId=${encodeURIComponent(id)}`} total={activities.data?.total} /></Flex>
        <ActivityList activities={activities.data?.items ?? []} loading={activities.isPending} />
      </Card>
      {adding && <MemberModal group={g} onClose={() => setAdding(false)} />}
      {logging && <ActivityModal group={g} onClose={() => setLogging(false)} />}
    </Flex>
  );
}

export default function PartyPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const canManage = hasRole('staff', 'admin');
  const groups = useGroups();
  const figures = useFigures(thisYear());
  const [picked, setPicked] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const tree = useMemo(() => {
    const all = groups.data ?? [];
    const ids = new Set(all.map((g) => g.id));
    const node = (g: PartyGroup): TreeDataNode => ({
      key: g.id, title: `${g.name} · ${t(`party.groupKind.${g.kind}`)}（${g.memberCount}）`,
      children: all.filter((c) => c.parentId === g.id).map(node),
    });
    return all.filter((g) => !g.parentId || !ids.has(g.parentId)).map(node);
  }, [groups.data, t]);
  const current = picked ?? groups.data?.[0]?.id ?? null;
  return (
    <>
      <PageHeader title={t('nav.party')} extra={
        <>
          <ExportButton href="/api/v1/party/groups.xlsx" total={groups.data?.length} />
          {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('party.newGroup')}</Button>}
        </>
      } />
      <Flex vertical gap={16}>
        {figures.data && (
          <Card size="small" title={t('party.figures')}>
            <Row gutter={[12, 12]}>
              {figures.data.figures.map((f) => <Col key={f.key} xs={12} sm={8} md={6} lg={3}>
                <Statistic title={f.label} value={f.value} suffix={f.unit} />
                {/* The people behind a figure, as a download (the list the figure counts). */}
                {f.source.includes('/party/people?') && <a href={f.source.replace('/party/people?', '/party/people.xlsx?')}>{t('common.exportExcel')}</a>}
              </Col>)}
            </Row>
          </Card>
        )}
        {groups.isError && <QueryError error={groups.error} onRetry={() => void groups.refetch()} />}
        <Flex gap={16} wrap align="start">
          <Card size="small" title={t('party.groups')} style={{ flex: '1 1 300px', maxWidth: 440 }} loading={groups.isPending}>
            {tree.length ? <Tree treeData={tree} defaultExpandAll selectedKeys={current ? [current] : []} onSelect={(keys) => keys[0] && setPicked(String(keys[0]))} /> : <Empty />}
          </Card>
          <div style={{ flex: '2 1 360px', minWidth: 0 }}>{current ? <GroupPanel key={current} id={current} canManage={canManage} /> : <Empty description={t('party.group.pick')} />}</div>
        </Flex>
      </Flex>
      {creating && <GroupModal groups={groups.data ?? []} onClose={() => setCreating(false)} onDone={(g) => setPicked(g.id)} />}
    </>
  );
}
