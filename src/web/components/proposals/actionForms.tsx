// The form of each workflow action that takes a body (ACTION_BODIES in the server's routes.ts):
// its fields and how its values become the request body. Actions not listed here take no body.
import type { ComponentType } from 'react';
import dayjs from 'dayjs';
import { Alert, Form, Input, InputNumber, Radio, Rate, Select } from 'antd';
import type { FormRule as Rule, RadioChangeEvent } from 'antd';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { Translate } from '../../i18n';
import { AttachmentField } from './Attachments';
import { LeaderSelect } from './LeaderSelect';
import { CATEGORIES, CONTACT_KINDS, CONTACT_METHODS, DOMAINS, SATISFACTIONS, todayInChina, type Proposal } from './model';
import type { RecommendationDetail } from '../consultations/model';
import { ProposalSelect } from './ProposalSelect';
import { useCachedItem, useProposalSettings } from './queries';
import { UnitAssignFields, unitsBody } from './UnitAssignFields';
import type { UnitAssignValues } from './UnitAssignFields';
import { DateField } from '../DateField';

type Values = Record<string, unknown>;
type Body = Record<string, unknown>;

export interface ActionForm {
  /** `base`: the item's base path (default /proposals). */
  Fields: ComponentType<{ proposalId: string; base?: string }>;
  toBody: (v: Values) => Body;
  initialValues?: () => Values;
}

const required = (t: Translate, field: string): Rule => ({ required: true, whitespace: true, message: t('common.required', { field }) });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optional = (v: unknown) => text(v) || undefined;
const ids = (v: unknown) => (Array.isArray(v) && v.length ? (v as string[]) : undefined);
const defined = (body: Body): Body => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));

/** A required (or optional) multi-line text field. */
function TextField({ name, label, max, optional: opt, rows = 4 }: { name: string; label: string; max: number; optional?: boolean; rows?: number }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={opt ? [] : [required(t, label)]}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 16 }} maxLength={max} showCount />
    </Form.Item>
  );
}

function T({ k, ...rest }: { k: Parameters<Translate>[0]; name: string; max: number; optional?: boolean; rows?: number }) {
  const { t } = useI18n();
  return <TextField label={t(k)} {...rest} />;
}

function RejectFields() {
  const { t } = useI18n();
  const settings = useProposalSettings();
  return (
    <>
      <Form.Item name="ground" label={t('proposal.form.ground')} rules={[required(t, t('proposal.form.ground'))]}>
        <Select loading={settings.isPending} options={(settings.data?.notFiledGrounds ?? []).map((g) => ({ value: g, label: g }))} />
      </Form.Item>
      <T k="proposal.form.detail" name="detail" max={400} optional rows={2} />
    </>
  );
}

function ConvertFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="to" label={t('proposal.form.convertTo')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.convertTo') }) }]}>
        <Radio.Group options={(['opinion', 'letter'] as const).map((v) => ({ value: v, label: t(`proposal.convertTo.${v}`) }))} />
      </Form.Item>
      <T k="proposal.form.reason" name="reason" max={500} rows={3} />
    </>
  );
}

function MergeFields({ proposalId }: { proposalId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="intoId" label={t('proposal.form.mergeInto')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.mergeInto') }) }]}>
      <ProposalSelect exclude={proposalId} />
    </Form.Item>
  );
}

function ReassignFields({ proposalId, base }: { proposalId: string; base?: string }) {
  return (
    <>
      <UnitAssignFields proposalId={proposalId} base={base} />
      <T k="proposal.form.reassignNote" name="note" max={500} rows={2} />
    </>
  );
}

function LogContactFields({ proposalId, base }: { proposalId: string; base?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="kind" label={t('proposal.form.contactKind')} rules={[{ required: true }]}>
        <Radio.Group options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`proposal.contactKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="date" label={t('proposal.form.contactDate')} rules={[required(t, t('proposal.form.contactDate'))]}>
        <DateField max={todayInChina()} />
      </Form.Item>
      <T k="proposal.form.contactContent" name="content" max={2000} />
      <AttachmentField proposalId={proposalId} base={base} />
    </>
  );
}

/** The new due date: after the current one, and no later than the settings' longest period allows (engine.ts requestExtension). */
function ExtensionFields({ proposalId }: { proposalId: string }) {
  const { t, formatDate } = useI18n();
  const { user } = useAuth();
  const settings = useProposalSettings();
  const lead = useCachedItem(proposalId)?.assignments.find((a) => a.role === 'lead' && a.state === 'signed' && a.unitId === user?.unitId);
  const months = settings.data?.handling.maxMonths;
  const latest = lead && months ? dayjs(lead.periodStart).add(months, 'month').format('YYYY-MM-DD') : undefined;
  return (
    <>
      <Form.Item name="dueDate" label={t('proposal.form.extensionDate')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.extensionDate') }) }]}
        extra={latest ? t('proposal.form.extensionCap', { date: formatDate(latest), months: months! }) : undefined}>
        <DateField min={lead ? dayjs(lead.dueOn).add(1, 'day').format('YYYY-MM-DD') : todayInChina()} max={latest} />
      </Form.Item>
      <T k="proposal.form.extensionReason" name="reason" max={500} rows={3} />
    </>
  );
}

function ReplyFields({ proposalId, base }: { proposalId: string; base?: string }) {
  const { t, lang } = useI18n();
  // The reply takes in the co-handling units' opinions: those not in yet are named (the reply may still go).
  const waiting = (useCachedItem(proposalId)?.assignments ?? []).filter((a) => a.role === 'co' && (a.state === 'pending' || a.state === 'signed') && !a.opinion);
  return (
    <>
      {waiting.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title={t('proposal.form.coOpinionsWaiting', { units: waiting.map((a) => a.unitName).join(lang === 'zh' ? '、' : ', ') })} />
      )}
      <Form.Item name="category" label={t('proposal.form.category')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.category') }) }]}>
        <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`proposal.category.${c}`) }))} />
      </Form.Item>
      <T k="proposal.form.replyContent" name="content" max={20000} rows={8} />
      <Form.Item name="signer" label={t('proposal.form.signer')}>
        <Input maxLength={50} />
      </Form.Item>
      <AttachmentField proposalId={proposalId} base={base} />
    </>
  );
}

/** The three-level satisfaction scale as a radio group named by its label (two of them share a form). */
function SatisfactionScale({ label, id, value, onChange }: { label: string; id?: string; value?: string; onChange?: (e: RadioChangeEvent) => void }) {
  const { t } = useI18n();
  return (
    <div role="radiogroup" aria-label={label}>
      <Radio.Group id={id} value={value} onChange={onChange} options={SATISFACTIONS.map((s) => ({ value: s, label: t(`proposal.satisfaction.${s}`) }))} />
    </div>
  );
}

function EvaluateFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="satisfaction" label={t('proposal.form.satisfaction')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.satisfaction') }) }]}>
        <SatisfactionScale label={t('proposal.form.satisfaction')} />
      </Form.Item>
      <Form.Item name="resultSatisfaction" label={t('proposal.form.resultSatisfaction')}>
        <SatisfactionScale label={t('proposal.form.resultSatisfaction')} />
      </Form.Item>
      <Form.Item name="contacted" label={t('proposal.form.contacted')}>
        <Radio.Group
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      </Form.Item>
      {/* How, when the unit did make contact. */}
      <Form.Item noStyle shouldUpdate={(a, b) => a.contacted !== b.contacted}>
        {({ getFieldValue }) => getFieldValue('contacted') === true && (
          <Form.Item name="contactMethod" label={t('proposal.form.contactMethod')}>
            <Select allowClear options={CONTACT_METHODS.filter((m) => m !== 'none').map((m) => ({ value: m, label: t(`proposal.contactMethod.${m}`) }))} />
          </Form.Item>
        )}
      </Form.Item>
      {/* 不满意 goes back to the unit for handling again: it needs to know why. */}
      <Form.Item noStyle shouldUpdate={(a, b) => a.satisfaction !== b.satisfaction}>
        {({ getFieldValue }) => <T k="proposal.form.comment" name="comment" max={1000} optional={getFieldValue('satisfaction') !== 'unsatisfied'} rows={3} />}
      </Form.Item>
    </>
  );
}

/** antd's Rate inside a named radio group, so its stars can be found by the field's name. */
function StarRating({ label, id, value, onChange }: { label: string; id?: string; value?: number; onChange?: (v: number) => void }) {
  return (
    <div role="radiogroup" aria-label={label}>
      <Rate id={id} value={value} onChange={onChange} />
    </div>
  );
}

function RateFields() {
  const { t } = useI18n();
  const stars = (name: 'topic' | 'research' | 'feasibility') => (
    <Form.Item name={name} label={t(`proposal.rating.${name}`)} rules={[{ required: true, message: t('common.choose', { field: t(`proposal.rating.${name}`) }) }]}>
      <StarRating label={t(`proposal.rating.${name}`)} />
    </Form.Item>
  );
  return (
    <>
      {stars('topic')}
      {stars('research')}
      {stars('feasibility')}
      {/* 不满意 goes back to the unit for handling again: it needs to know why. */}
      <Form.Item noStyle shouldUpdate={(a, b) => a.satisfaction !== b.satisfaction}>
        {({ getFieldValue }) => <T k="proposal.form.comment" name="comment" max={1000} optional={getFieldValue('satisfaction') !== 'unsatisfied'} rows={3} />}
      </Form.Item>
    </>
  );
}

function MarkKeyFields() {
  const { t } = useI18n();
  return (
    <Form.Item name="leaderUserId" label={t('proposal.form.leader')} rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.leader') }) }]}>
      <LeaderSelect />
    </Form.Item>
  );
}

/** 调整领域: the domain, the proposal's own first. */
function ClassifyFields({ proposalId }: { proposalId: string }) {
  const { t } = useI18n();
  const domain = (useCachedItem(proposalId) as Partial<Proposal> | undefined)?.domain;
  return (
    <Form.Item name="domain" label={t('proposal.domain')} initialValue={domain ?? undefined} rules={[{ required: true, message: t('common.choose', { field: t('proposal.domain') }) }]}>
      <Select options={DOMAINS.map((d) => ({ value: d, label: t(`proposal.domain.${d}`), disabled: d === domain }))} />
    </Form.Item>
  );
}

/** 吸纳转化 of a recommendation: where it was adopted (the document, its number and date) and how far it is carried out. */
/** 吸纳转化 again (its progress updated): the outcome recorded before fills the form. */
function OutcomeFields({ proposalId }: { proposalId: string }) {
  const { t } = useI18n();
  const r = useCachedItem(proposalId) as Partial<RecommendationDetail> | undefined;
  const o = r?.outcome;
  const was = (v: string | number | null | undefined) => v ?? undefined;
  return (
    <>
      <Form.Item name="kind" label={t('consultation.outcome.kind')} initialValue={was(o?.kind)} rules={[{ required: true, message: t('common.choose', { field: t('consultation.outcome.kind') }) }]}>
        <Radio.Group options={(['party', 'government', 'department'] as const).map((k) => ({ value: k, label: t(`consultation.outcome.${k}`) }))} />
      </Form.Item>
      <Form.Item name="title" label={t('consultation.outcome.title')} initialValue={was(o?.title)}><Input maxLength={200} /></Form.Item>
      <Form.Item name="number" label={t('consultation.outcome.number')} initialValue={was(o?.number)}><Input maxLength={100} /></Form.Item>
      <Form.Item name="date" label={t('consultation.outcome.date')} initialValue={was(o?.date)}><DateField max={todayInChina()} /></Form.Item>
      <Form.Item name="progress" label={t('consultation.outcome.progress')} initialValue={was(r?.progress)}><InputNumber min={0} max={100} precision={0} addonAfter="%" /></Form.Item>
      <Form.Item name="measure" label={t('consultation.outcome.measure')} extra={t('consultation.outcome.measureHelp')} initialValue={was(o?.measure)}><Input maxLength={100} /></Form.Item>
      <Form.Item name="quantity" label={t('consultation.outcome.quantity')} initialValue={was(o?.quantity)}><InputNumber min={0} precision={0} /></Form.Item>
      <Form.Item name="note" label={t('consultation.outcome.note')} initialValue={was(r?.progressNote)}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} maxLength={1000} showCount />
      </Form.Item>
    </>
  );
}

const noteOnly = (k: 'proposal.form.note', opt: boolean): ComponentType<{ proposalId: string; base?: string }> =>
  function NoteFields() {
    return <T k={k} name="note" max={500} optional={opt} rows={3} />;
  };

export const ACTION_FORMS: Record<string, ActionForm> = {
  reject: { Fields: RejectFields, toBody: (v) => ({ reason: optional(v.detail) ? `${text(v.ground)}：${text(v.detail)}` : text(v.ground) }) },
  convert: { Fields: ConvertFields, toBody: (v) => ({ to: v.to, reason: text(v.reason) }) },
  merge: { Fields: MergeFields, toBody: (v) => ({ intoId: v.intoId }) },
  assign: { Fields: UnitAssignFields, toBody: (v) => unitsBody(v as unknown as UnitAssignValues) },
  reassign: { Fields: ReassignFields, toBody: (v) => ({ ...unitsBody(v as unknown as UnitAssignValues), note: text(v.note) }) },
  return: { Fields: () => <T k="proposal.form.returnReason" name="reason" max={500} rows={3} />, toBody: (v) => ({ reason: text(v.reason) }) },
  sendBack: { Fields: () => <T k="proposal.form.sendBackReason" name="reason" max={500} rows={3} />, toBody: (v) => ({ reason: text(v.reason) }) },
  declineCosign: { Fields: () => <T k="proposal.form.declineReason" name="reason" max={500} optional rows={3} />, toBody: (v) => defined({ reason: optional(v.reason) }) },
  opinion: { Fields: () => <T k="proposal.form.opinion" name="content" max={5000} rows={6} />, toBody: (v) => ({ content: text(v.content) }) },
  logContact: {
    Fields: LogContactFields,
    initialValues: () => ({ kind: 'phone', date: todayInChina() }),
    toBody: (v) => defined({ kind: v.kind, date: v.date, content: text(v.content), attachmentIds: ids(v.attachmentIds) }),
  },
  requestExtension: { Fields: ExtensionFields, toBody: (v) => ({ dueDate: v.dueDate, reason: text(v.reason) }) },
  grantExtension: { Fields: noteOnly('proposal.form.note', true), toBody: (v) => defined({ note: optional(v.note) }) },
  refuseExtension: { Fields: noteOnly('proposal.form.note', false), toBody: (v) => ({ note: text(v.note) }) },
  reply: { Fields: ReplyFields, toBody: (v) => defined({ category: v.category, content: text(v.content), signer: optional(v.signer), attachmentIds: ids(v.attachmentIds) }) },
  evaluate: {
    Fields: EvaluateFields,
    toBody: (v) => defined({ satisfaction: v.satisfaction, resultSatisfaction: v.resultSatisfaction ?? undefined, contacted: v.contacted ?? undefined, contactMethod: v.contacted === true ? v.contactMethod ?? undefined : undefined, comment: optional(v.comment) }),
  },
  rate: { Fields: RateFields, toBody: (v) => defined({ topic: v.topic, research: v.research, feasibility: v.feasibility, comment: optional(v.comment) }) },
  exempt: { Fields: () => <T k="proposal.form.exemptReason" name="reason" max={500} rows={3} />, toBody: (v) => ({ reason: text(v.reason) }) },
  classify: { Fields: ClassifyFields, toBody: (v) => ({ domain: v.domain }) },
  markKey: { Fields: MarkKeyFields, toBody: (v) => ({ leaderUserId: v.leaderUserId }) },
  // A recommendation's outcome (跟踪式问效), or why it has none.
  recordOutcome: {
    Fields: OutcomeFields,
    toBody: (v) => defined({
      kind: v.kind, title: optional(v.title), number: optional(v.number), date: v.date || undefined, progress: v.progress ?? undefined,
      measure: optional(v.measure), quantity: v.quantity ?? undefined, note: optional(v.note),
    }),
  },
  noOutcome: { Fields: () => <T k="consultation.outcome.reason" name="reason" max={500} rows={3} />, toBody: (v) => ({ reason: text(v.reason) }) },
};

