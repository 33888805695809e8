// The form of each 社情民意 action that takes a body (ACTION_BODIES in the server's routes.ts): its
// fields and how its values become the request body. submit and withdraw take none.
import type { ComponentType } from 'react';
import { AutoComplete, Form, Input, Radio, Select } from 'antd';
import type { FormRule } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey, Translate } from '../../i18n';
import { charCount, todayInChina } from '../proposals/model';
import { FORWARD_BODIES, LEVELS } from './model';
import type { Opinion } from './model';
import { useOpinionSettings } from './queries';
import { DateField } from '../DateField';

type Values = Record<string, unknown>;

export interface OpinionActionForm {
  Fields: ComponentType<{ opinion: Opinion }>;
  toBody: (v: Values, o: Opinion) => Record<string, unknown>;
  initialValues?: (o: Opinion) => Values;
}

const required = (t: Translate, field: string): FormRule => ({ required: true, whitespace: true, message: t('common.required', { field }) });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const defined = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== ''));

function TextItem({ name, label, max, optional, rows }: { name: string; label: MessageKey; max: number; optional?: boolean; rows?: number }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={optional ? [] : [required(t, t(label))]}>
      {rows ? <Input.TextArea autoSize={{ minRows: rows, maxRows: 12 }} maxLength={max} showCount /> : <Input maxLength={max} />}
    </Form.Item>
  );
}

function DateItem() {
  const { t } = useI18n();
  return (
    <Form.Item name="date" label={t('opinion.form.date')} rules={[required(t, t('opinion.form.date'))]}>
      <DateField max={todayInChina()} />
    </Form.Item>
  );
}

function LevelItem() {
  const { t } = useI18n();
  return (
    <Form.Item name="level" label={t('opinion.form.level')} rules={[{ required: true, message: t('common.required', { field: t('opinion.form.level') }) }]}>
      <Radio.Group options={LEVELS.map((l) => ({ value: l, label: t(`opinion.level.${l}`) }))} />
    </Form.Item>
  );
}

function ApproveFields() {
  const { t } = useI18n();
  const limit = useOpinionSettings().data?.bodyLimit ?? 1500;
  return (
    <>
      <TextItem name="title" label="opinion.form.editedTitle" max={100} />
      <Form.Item
        name="body"
        label={t('opinion.form.editedBody')}
        rules={[required(t, t('opinion.body')), { validator: (_, v?: string) => (charCount(v) <= limit ? Promise.resolve() : Promise.reject(new Error(t('opinion.form.bodyTooLong', { limit })))) }]}
      >
        <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} count={{ show: true, max: limit, strategy: charCount }} />
      </Form.Item>
      <TextItem name="signer" label="opinion.form.signer" max={50} optional />
      <TextItem name="note" label="opinion.form.note" max={500} optional rows={2} />
    </>
  );
}

function ForwardFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="bodies"
        label={t('opinion.form.bodies')}
        extra={t('opinion.form.bodiesHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('opinion.form.bodies') }) }]}
      >
        <Select mode="tags" maxCount={10} options={FORWARD_BODIES.map((b) => ({ value: b, label: b }))} />
      </Form.Item>
      <DateItem />
      <TextItem name="note" label="opinion.form.note" max={500} optional rows={2} />
    </>
  );
}

function AdoptFields({ opinion }: { opinion: Opinion }) {
  const { t } = useI18n();
  return (
    <>
      <LevelItem />
      <Form.Item name="adoptedBy" label={t('opinion.form.adoptedBy')} rules={[required(t, t('opinion.form.adoptedBy'))]}>
        <AutoComplete options={opinion.forwardedTo.map((b) => ({ value: b }))} maxLength={100} />
      </Form.Item>
      <DateItem />
      <TextItem name="note" label="opinion.form.note" max={500} optional rows={2} />
    </>
  );
}

function InstructFields() {
  return (
    <>
      <TextItem name="leaderName" label="opinion.form.leaderName" max={50} />
      <TextItem name="leaderPosition" label="opinion.form.leaderPosition" max={100} />
      <LevelItem />
      <DateItem />
      <TextItem name="content" label="opinion.form.content" max={2000} rows={4} />
    </>
  );
}

const reason: OpinionActionForm = { Fields: () => <TextItem name="reason" label="opinion.form.reason" max={500} rows={3} />, toBody: (v) => ({ reason: text(v.reason) }) };
const today = () => ({ date: todayInChina() });

export const OPINION_ACTION_FORMS: Record<string, OpinionActionForm> = {
  approve: {
    Fields: ApproveFields,
    initialValues: (o) => ({ title: o.title, body: o.body }),
    // Only what staff changed is sent: an unchanged text is no edit.
    toBody: (v, o) => defined({ title: text(v.title) !== o.title ? text(v.title) : undefined, body: v.body !== o.body ? v.body : undefined, signer: text(v.signer), note: text(v.note) }),
  },
  return: reason,
  reject: reason,
  forward: { Fields: ForwardFields, initialValues: today, toBody: (v) => defined({ bodies: (v.bodies as string[]).map(text).filter(Boolean), date: v.date, note: text(v.note) }) },
  adopt: { Fields: AdoptFields, initialValues: today, toBody: (v) => defined({ level: v.level, adoptedBy: text(v.adoptedBy), date: v.date, note: text(v.note) }) },
  instruct: {
    Fields: InstructFields,
    initialValues: today,
    toBody: (v) => ({ leaderName: text(v.leaderName), leaderPosition: text(v.leaderPosition), level: v.level, date: v.date, content: text(v.content) }),
  },
};
