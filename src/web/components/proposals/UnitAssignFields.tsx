// Form fields for assigning: one lead unit, any co-handling units, an optional reply due date.
// Used by the assign/reassign action forms and the bulk assignment dialog.
import { Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n';
import { useUnitOptions } from '../../queries';
import { todayInChina } from './model';
import { useProposalSettings } from './queries';

export interface UnitAssignValues {
  leadUnitId: string;
  coUnitIds?: string[];
  dueDate?: string;
}

/** The API body part: units:[{unitId, role}] and dueDate when given. */
export function unitsBody(v: UnitAssignValues) {
  return {
    units: [
      { unitId: v.leadUnitId, role: 'lead' as const },
      ...(v.coUnitIds ?? []).filter((id) => id !== v.leadUnitId).map((unitId) => ({ unitId, role: 'co' as const })),
    ],
    ...(v.dueDate ? { dueDate: v.dueDate } : {}),
  };
}

export function UnitAssignFields() {
  const { t } = useI18n();
  const units = useUnitOptions();
  const settings = useProposalSettings();
  const form = Form.useFormInstance<UnitAssignValues>();
  const lead = Form.useWatch('leadUnitId', form);
  const options = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  const tomorrow = new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const months = settings.data?.handling.replyMonths ?? 3;

  return (
    <>
      <Form.Item
        name="leadUnitId"
        label={t('proposal.form.leadUnit')}
        rules={[{ required: true, message: t('common.required', { field: t('proposal.form.leadUnit') }) }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} loading={units.isPending} options={options} />
      </Form.Item>
      <Form.Item name="coUnitIds" label={t('proposal.form.coUnits')}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isPending}
          options={options.filter((o) => o.value !== lead)}
        />
      </Form.Item>
      <Form.Item name="dueDate" label={t('proposal.form.dueDate')} extra={t('proposal.form.dueDateHint', { months })}>
        <Input type="date" min={tomorrow} />
      </Form.Item>
    </>
  );
}
