// The 双创 dialogs: a project (registered or edited), a 五送 activity, a 三个一 pairing, an honour, an
// exchange meeting. Members enter their own (no member to pick); staff name the member.
import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { keys, useCounties } from '../../queries';
import type { Member } from '../../types';
import { DateField } from '../DateField';
import { FormModal } from '../FormModal';
import { MemberSelect } from '../MemberSelect';
import { todayInChina } from '../proposals/model';
import { ACTIVITY_KINDS, fromWan, HONOUR_LEVELS, MEMBER_LEVELS, PROJECT_KINDS, PROJECT_STATES, toWan } from './model';
import type { Activity, ActivityKind, Exchange, Honour, HonourLevel, MemberLevel, Pairing, Project, ProjectKind, ProjectState } from './model';
import { useCreationWrite } from './queries';

const trimmed = (s?: string | null) => (s?.trim() ? s.trim() : undefined);
const useRequired = () => {
  const { t } = useI18n();
  return (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
};

/**
 * The county the server files a new entry under when the form names none (creation/commands.ts
 * checkCounty): the caller's committee when it is a county's, else the member's county (the member
 * picked in the office's form, else the caller), so a county's figures count its members' work.
 */
function useDefaultCounty(memberId: string | null | undefined, counties: { id: string }[] | undefined) {
  const { user } = useAuth();
  const id = memberId ?? user?.memberId ?? null;
  const member = useQuery({
    queryKey: [...keys.members, 'detail', id],
    queryFn: ({ signal }) => api.get<Member>(`/api/v1/members/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id, staleTime: 60_000,
  });
  if (user && counties?.some((c) => c.id === user.orgId)) return user.orgId;
  return member.data?.countyOrgId ?? null;
}

/**
 * 所在县（区）: untouched (undefined), it shows the county the entry will be filed under by default
 * (and sends nothing, the server filling the same); cleared (null), 未指定, and none is saved.
 */
function CountySelect({ id, value, onChange }: { id?: string; value?: string | null; onChange?: (v: string | null) => void }) {
  const { t } = useI18n();
  const counties = useCounties();
  const form = Form.useFormInstance();
  const memberId = Form.useWatch('memberId', form) as string | undefined;
  const fallback = useDefaultCounty(memberId, counties.data);
  const shown = value === undefined ? fallback : value;
  return (
    <Select id={id} allowClear value={shown ?? undefined} onChange={(v: string | undefined) => onChange?.(v ?? null)} placeholder={t('creation.noCounty')}
      options={(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
  );
}

interface ProjectValues {
  kind: ProjectKind; name: string; memberId?: string; countyOrgId?: string | null; level?: MemberLevel; investmentWan?: number | null; jobs?: number | null;
  poorHouseholds?: number | null; state: ProjectState; startedOn: string; description?: string;
}

/** Registers a project (no `project`) or edits one. `office`: staff, who name the member. */
export function ProjectFormModal({ project, office, open, onClose, onDone }: { project?: Project; office: boolean; open: boolean; onClose: () => void; onDone?: (p: Project) => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const save = useCreationWrite((v: ProjectValues) => {
    const body = {
      kind: v.kind, name: v.name.trim(), state: v.state, startedOn: v.startedOn, level: v.level,
      investment: fromWan(v.investmentWan ?? 0), jobs: v.jobs ?? 0, poorHouseholds: v.poorHouseholds ?? 0,
      ...(trimmed(v.description) || project ? { description: v.description?.trim() ?? '' } : {}),
      ...(office && v.memberId ? { memberIds: [v.memberId, ...(project?.memberIds.slice(1).filter((m) => m !== v.memberId) ?? [])] } : {}),
      ...(v.countyOrgId !== undefined ? { countyOrgId: v.countyOrgId } : {}),
    };
    return project ? api.patch<Project>(`/api/v1/creation/projects/${project.id}`, body) : api.post<Project>('/api/v1/creation/projects', body);
  });
  const initial: Partial<ProjectValues> = project
    ? { ...project, memberId: project.memberIds[0], investmentWan: toWan(project.investment) }
    : { kind: 'demonstrationBase', state: 'running', startedOn: todayInChina() };
  return (
    <FormModal<ProjectValues, Project> title={t(project ? 'creation.editProject' : 'creation.newProject')} open={open} onClose={onClose} submit={save.mutateAsync}
      submitting={save.isPending} done={t(project ? 'creation.saved' : 'creation.projectCreated')} onDone={onDone} okText={t('common.save')} initialValues={initial}>
      <Form.Item name="kind" label={t('creation.kind')} rules={[required(t('creation.kind'))]}>
        <Select options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`creation.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('creation.name')} rules={[required(t('creation.name'))]}>
        <Input maxLength={100} />
      </Form.Item>
      {office && (
        <Form.Item name="memberId" label={t('creation.member')} rules={[{ required: true, message: t('common.required', { field: t('creation.member') }) }]}>
          <MemberSelect />
        </Form.Item>
      )}
      <Form.Item name="startedOn" label={t('creation.startedOn')} rules={[{ required: true, message: t('common.required', { field: t('creation.startedOn') }) }]}>
        <DateField />
      </Form.Item>
      <Form.Item name="state" label={t('creation.state')}>
        <Radio.Group optionType="button" options={PROJECT_STATES.map((s) => ({ value: s, label: t(`creation.state.${s}`) }))} />
      </Form.Item>
      <Form.Item name="investmentWan" label={t('creation.investment')}>
        <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} inputMode="decimal" />
      </Form.Item>
      <Form.Item name="jobs" label={t('creation.jobs')}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="poorHouseholds" label={t('creation.poorHouseholds')}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="countyOrgId" label={t('creation.county')}>
        <CountySelect />
      </Form.Item>
      {office && (
        <Form.Item name="level" label={t('creation.level')}>
          <Select allowClear options={MEMBER_LEVELS.map((l) => ({ value: l, label: t(`creation.level.${l}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('creation.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}

interface ActivityValues { kind: ActivityKind; date: string; place: string; beneficiaries?: number | null; memberId?: string; countyOrgId?: string | null; summary?: string }

/** Logs a 五送 activity: quick on a phone — today, the kind tapped, the place typed. */
export function ActivityFormModal({ office, open, onClose }: { office: boolean; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const save = useCreationWrite((v: ActivityValues) => api.post<Activity>('/api/v1/creation/activities', {
    kind: v.kind, date: v.date, place: v.place.trim(), beneficiaries: v.beneficiaries ?? 0, summary: trimmed(v.summary),
    ...(office && v.memberId ? { memberIds: [v.memberId] } : {}), ...(v.countyOrgId !== undefined ? { countyOrgId: v.countyOrgId } : {}),
  }));
  return (
    <FormModal<ActivityValues, Activity> title={t('creation.logActivity')} open={open} onClose={onClose} submit={save.mutateAsync} submitting={save.isPending}
      done={t('creation.activityLogged')} okText={t('common.save')} initialValues={{ kind: 'policy', date: todayInChina() }}>
      <Form.Item name="kind" label={t('creation.activityKind')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`creation.activity.${k}`) }))} />
      </Form.Item>
      {office && (
        <Form.Item name="memberId" label={t('creation.member')} rules={[{ required: true, message: t('common.required', { field: t('creation.member') }) }]}>
          <MemberSelect />
        </Form.Item>
      )}
      <Form.Item name="date" label={t('creation.date')} rules={[{ required: true, message: t('common.required', { field: t('creation.date') }) }]}>
        <DateField max={todayInChina()} />
      </Form.Item>
      <Form.Item name="place" label={t('creation.place')} rules={[required(t('creation.place'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="beneficiaries" label={t('creation.beneficiaries')}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="countyOrgId" label={t('creation.county')}>
        <CountySelect />
      </Form.Item>
      <Form.Item name="summary" label={t('creation.summary')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

interface PairingValues { memberId?: string; householdName: string; householdPlace?: string; practicalThing?: string; suggestion?: string; pairedOn: string }

export function PairingFormModal({ office, open, onClose }: { office: boolean; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const save = useCreationWrite((v: PairingValues) => api.post<Pairing>('/api/v1/creation/pairings', {
    householdName: v.householdName.trim(), householdPlace: trimmed(v.householdPlace), practicalThing: trimmed(v.practicalThing), suggestion: trimmed(v.suggestion),
    pairedOn: v.pairedOn, ...(office && v.memberId ? { memberId: v.memberId } : {}),
  }));
  return (
    <FormModal<PairingValues, Pairing> title={t('creation.addPairing')} open={open} onClose={onClose} submit={save.mutateAsync} submitting={save.isPending}
      done={t('creation.pairingSaved')} okText={t('common.save')} initialValues={{ pairedOn: todayInChina() }}>
      {office && (
        <Form.Item name="memberId" label={t('creation.member')} rules={[{ required: true, message: t('common.required', { field: t('creation.member') }) }]}>
          <MemberSelect />
        </Form.Item>
      )}
      <Form.Item name="householdName" label={t('creation.household')} rules={[required(t('creation.household'))]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="householdPlace" label={t('creation.householdPlace')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="practicalThing" label={t('creation.practicalThing')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="suggestion" label={t('creation.suggestion')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="pairedOn" label={t('creation.pairedOn')} rules={[{ required: true, message: t('common.required', { field: t('creation.pairedOn') }) }]}>
        <DateField max={todayInChina()} />
      </Form.Item>
    </FormModal>
  );
}

interface HonourValues { memberId: string; level: HonourLevel; awardedBy: string; title: string; date: string }

export function HonourFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const save = useCreationWrite((v: HonourValues) => api.post<Honour>('/api/v1/creation/honours', { ...v, awardedBy: v.awardedBy.trim(), title: v.title.trim() }));
  return (
    <FormModal<HonourValues, Honour> title={t('creation.addHonour')} open={open} onClose={onClose} submit={save.mutateAsync} submitting={save.isPending}
      done={t('creation.honourSaved')} okText={t('common.save')} initialValues={{ level: 'city', date: todayInChina() }}>
      <Form.Item name="memberId" label={t('creation.member')} rules={[{ required: true, message: t('common.required', { field: t('creation.member') }) }]}>
        <MemberSelect />
      </Form.Item>
      <Form.Item name="title" label={t('creation.title')} rules={[required(t('creation.title'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label={t('creation.honourLevel')}>
        <Radio.Group optionType="button" options={HONOUR_LEVELS.map((l) => ({ value: l, label: t(`creation.honourLevel.${l}`) }))} />
      </Form.Item>
      <Form.Item name="awardedBy" label={t('creation.awardedBy')} rules={[required(t('creation.awardedBy'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="date" label={t('creation.date')} rules={[{ required: true, message: t('common.required', { field: t('creation.date') }) }]}>
        <DateField max={todayInChina()} />
      </Form.Item>
    </FormModal>
  );
}

interface ExchangeValues { date: string; place: string; topic: string; attendees?: number | null }

export function ExchangeFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const required = useRequired();
  const save = useCreationWrite((v: ExchangeValues) => api.post<Exchange>('/api/v1/creation/exchanges', { date: v.date, place: v.place.trim(), topic: v.topic.trim(), attendees: v.attendees ?? 0 }));
  return (
    <FormModal<ExchangeValues, Exchange> title={t('creation.addExchange')} open={open} onClose={onClose} submit={save.mutateAsync} submitting={save.isPending}
      done={t('creation.exchangeSaved')} okText={t('common.save')} initialValues={{ date: todayInChina() }}>
      <Form.Item name="topic" label={t('creation.topic')} rules={[required(t('creation.topic'))]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="date" label={t('creation.date')} rules={[{ required: true, message: t('common.required', { field: t('creation.date') }) }]}>
        <DateField />
      </Form.Item>
      <Form.Item name="place" label={t('creation.place')} rules={[required(t('creation.place'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="attendees" label={t('creation.attendees')}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
    </FormModal>
  );
}
