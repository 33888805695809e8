// 协商在一线·委员议事室: the committee's council rooms (or the member's own), by county and
// department, with their figures (本级/含下级 for whoever oversees committees below: the total adds them
// up, each one's under 各政协合计, the hosts stay this level's); staff open new ones.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Flex, Form, Input, Radio, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { useCounties, useUnitOptions } from '../../queries';
import { MembersSelect } from '../../components/MemberSelect';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ByOrgCard, ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { QueryError } from '../../components/QueryError';
import { FormModal } from '../../components/consultations/FormModal';
import type { RoomFigures, RoomSummary } from '../../components/consultations/model';
import { useRoomFigures, useRooms, writes } from '../../components/consultations/queries';

interface NewRoom { name: string; place?: string; hostKind: 'county' | 'unit'; hostCountyOrgId?: string; hostUnitId?: string; note?: string; memberIds?: string[] }

function CreateRoom({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const counties = useCounties();
  const units = useUnitOptions(open);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormModal<NewRoom>
      title={t('room.new')} open={open} onClose={onClose} done={t('room.created')} initialValues={{ hostKind: 'county' }}
      submit={({ hostKind, hostCountyOrgId, hostUnitId, ...v }) => writes.room({ ...v, ...(hostKind === 'county' ? { hostCountyOrgId } : { hostUnitId }) })}
    >
      <Form.Item name="name" label={t('room.name')} rules={required(t('room.name'))}><Input maxLength={100} /></Form.Item>
      <Form.Item name="hostKind" label={t('room.hostKind')}>
        <Radio.Group options={(['county', 'unit'] as const).map((k) => ({ value: k, label: t(`room.hostKind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: NewRoom, b: NewRoom) => a.hostKind !== b.hostKind}>
        {({ getFieldValue }) => (getFieldValue('hostKind') === 'unit' ? (
          <Form.Item name="hostUnitId" label={t('room.unit')} rules={required(t('room.unit'))}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        ) : (
          <Form.Item name="hostCountyOrgId" label={t('room.county')} rules={required(t('room.county'))}>
            <Select loading={counties.isPending} options={(counties.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        ))}
      </Form.Item>
      <Form.Item name="place" label={t('room.place')}><Input maxLength={200} /></Form.Item>
      <Form.Item name="memberIds" label={t('room.members')}><MembersSelect /></Form.Item>
      <Form.Item name="note" label={t('room.note')}><Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
    </FormModal>
  );
}

/** Rooms, sessions and members per county and department, and in all. */
export function RoomFiguresCard({ figures }: { figures: RoomFigures }) {
  const { t } = useI18n();
  type Row = RoomFigures['byHost'][number];
  const columns: TableColumnsType<Row> = [
    { title: t('room.host'), key: 'name', render: (_, r) => <Flex gap={4} wrap><span>{r.name}</span><Tag>{t(`room.hostKind.${r.kind}`)}</Tag></Flex> },
    { title: t('room.figures.rooms'), dataIndex: 'rooms', align: 'right' },
    { title: t('room.sessions'), dataIndex: 'sessions', align: 'right' },
    { title: t('room.held'), dataIndex: 'held', align: 'right' },
    { title: t('room.figures.members'), dataIndex: 'members', align: 'right' },
  ];
  const total = figures.total;
  return (
    <Card size="small" title={t('room.figures')}>
      <Table<Row> rowKey={(r) => `${r.kind}:${r.id}`} size="small" columns={columns} dataSource={figures.byHost} pagination={false} scroll={{ x: 'max-content' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><Typography.Text strong>{t('room.figures.total')}</Typography.Text></Table.Summary.Cell>
            {[total.rooms, total.sessions, total.held, total.members].map((n, i) => <Table.Summary.Cell key={i} index={i + 1} align="right"><Typography.Text strong>{n}</Typography.Text></Table.Summary.Cell>)}
          </Table.Summary.Row>
        )} />
    </Card>
  );
}

export default function RoomsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const office = hasRole('staff') || hasRole('admin') || hasRole('leader');
  const mine = params.get('mine') === null ? !office : params.get('mine') === '1';
  const rooms = useRooms({ mine });
  const canRollUp = useCanRollUp();
  const scope: Scope = canRollUp && params.get('scope') === 'tree' ? 'tree' : 'own';
  const figures = useRoomFigures(office, scope);
  const host = (r: RoomSummary) => `${r.host.name ?? ''} · ${t(`room.hostKind.${r.host.kind}`)}`;
  return (
    <>
      <PageHeader
        title={t('nav.consultationRooms')}
        extra={hasRole('staff') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('room.new')}</Button>}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('room.intro')}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Flex gap={8} wrap align="center" justify="space-between">
          <Segmented<'1' | '0'> value={mine ? '1' : '0'} onChange={(v) => setParams((p) => { const next = new URLSearchParams(p); next.set('mine', v); return next; }, { replace: true })}
            options={[{ value: '1', label: t('room.mine') }, { value: '0', label: t('room.all') }]} />
          <ExportButton href={withQuery('/api/v1/consultations/rooms.xlsx', { mine: mine || undefined })} total={rooms.data?.length} />
        </Flex>
        {rooms.isError && <QueryError error={rooms.error} onRetry={() => void rooms.refetch()} />}
        {rooms.isSuccess && !rooms.data.length && <Empty description={t('room.empty')} />}
        <Flex vertical gap={8}>
          {(rooms.data ?? []).map((r) => (
            <Card size="small" key={r.id}>
              <Flex vertical gap={4}>
                <Flex gap={6} wrap align="center">
                  <Typography.Text strong><Link to={`/consultations/rooms/${r.id}`}>{r.name}</Link></Typography.Text>
                  {r.mine && <Tag color="blue">{t('room.myRoom')}</Tag>}
                  {!r.active && <Tag>{t('room.closed')}</Tag>}
                </Flex>
                <Typography.Text type="secondary">{[host(r), r.place].filter(Boolean).join(' · ')}</Typography.Text>
                <Typography.Text type="secondary">{t('room.memberCount', { n: r.members })} · {t('room.sessionCount', { n: r.sessions, held: r.held })}</Typography.Text>
              </Flex>
            </Card>
          ))}
        </Flex>
        {office && canRollUp && (
          <ScopeSwitch value={scope} committees={figures.data?.scope === 'tree' ? figures.data.committees : undefined}
            onChange={(s) => setParams((p) => { const next = new URLSearchParams(p); if (s === 'tree') next.set('scope', s); else next.delete('scope'); return next; }, { replace: true })} />
        )}
        {figures.data?.byOrg && (
          <ByOrgCard rows={figures.data.byOrg} total={figures.data.total}
            fields={(['rooms', 'sessions', 'held', 'members'] as const).map((k) => ({ key: k, label: t(({ rooms: 'room.figures.rooms', sessions: 'room.sessions', held: 'room.held', members: 'room.figures.members' } as const)[k]) }))} />
        )}
        {/* The hosts are this level's, so is their 合计 (under 含下级 the tree's is on 各政协合计: byOrg[0] is this committee's). */}
        {figures.data && <RoomFiguresCard figures={{ ...figures.data, total: figures.data.byOrg?.[0] ?? figures.data.total }} />}
      </Flex>
      <CreateRoom open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
