// 新建协商活动: the form, from the list (a year's) or from an item of the year's plan (its topic, kind and
// year, linked to it); once made, its page opens.
import { Form, Input, InputNumber, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import { KINDS } from './model';
import type { Kind, PlanItem } from './model';
import { useRooms, writes } from './queries';

interface NewConsultation { title: string; kind: Kind; year: number; summary?: string; roomId?: string; planItemId?: string }

/** `planItem`: an item of `year`'s plan. */
export function CreateConsultation({ open, onClose, year, planItem }: { open: boolean; onClose: () => void; year: number; planItem?: PlanItem }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const rooms = useRooms({}, open);
  const initialValues = planItem ? { title: planItem.topic, kind: planItem.kind, year, planItemId: planItem.id } : { year, kind: 'bimonthly' as const };
  return (
    <FormModal<NewConsultation, { id: string }>
      // (a new form for each plan item)
      key={planItem?.id ?? 'new'}
      title={t('consultation.new')} open={open} onClose={onClose} done={t('consultation.created')}
      initialValues={initialValues} submit={writes.create} onDone={(c) => navigate(`/consultations/${c.id}`)}
    >
      {planItem && <Form.Item name="planItemId" hidden><Input /></Form.Item>}
      <Form.Item name="title" label={t('consultation.title')} rules={required(t('consultation.title'))}><Input maxLength={200} /></Form.Item>
      {/* A plan item's kind and year are its own. */}
      <Form.Item name="kind" label={t('consultation.kind')} rules={required(t('consultation.kind'))}>
        <Select disabled={!!planItem} options={KINDS.map((k) => ({ value: k, label: t(`consultation.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: NewConsultation, b: NewConsultation) => a.kind !== b.kind}>
        {({ getFieldValue }) => getFieldValue('kind') === 'frontline' && (
          <Form.Item name="roomId" label={t('room.room')}>
            <Select allowClear loading={rooms.isPending} options={(rooms.data ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }))} />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="year" label={t('consultation.year')} rules={required(t('consultation.year'))}>
        <InputNumber disabled={!!planItem} min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="summary" label={t('consultation.summary')}><Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} /></Form.Item>
    </FormModal>
  );
}
