// Form fields for assigning: one lead unit, any co-handling units, an optional reply due date.
// Used by the assign/reassign action forms (with the units suggested for that proposal) and the
// bulk assignment dialog.
import { Flex, Form, Select, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useUnitOptions } from '../../queries';
import { todayInChina } from './model';
import { useProposalSettings, useSuggestedUnits } from './queries';
import { DateField } from '../DateField';

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

/** The three units most likely to handle it, from past assignments of similar proposals; a click makes one the lead. */
function SuggestedUnits({ proposalId }: { proposalId: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<UnitAssignValues>();
  const lead = Form.useWatch('leadUnitId', form);
  const suggested = useSuggestedUnits(proposalId);
  if (!suggested.data?.length) return null;
  return (
    <Flex wrap gap={6} align="center" style={{ marginBottom: 12 }} role="group" aria-label={t('proposal.suggest.title')}>
      <Typography.Text type="secondary">
        <BulbOutlined /> {t('proposal.suggest.title')}
      </Typography.Text>
      {suggested.data.map((u) => (
        <Tag.CheckableTag
          key={u.unitId}
          checked={lead === u.unitId}
          onChange={() => form.setFieldsValue({ leadUnitId: u.unitId, coUnitIds: (form.getFieldValue('coUnitIds') ?? []).filter((id: string) => id !== u.unitId) })}
        >
          {t('proposal.suggest.unit', { name: u.name, share: Math.round(u.score * 100) })}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

/** `base`: the item is another kind's (a consultation's recommendation), whose units are not suggested. */
export function UnitAssignFields({ proposalId, base }: { proposalId?: string; base?: string }) {
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
      {proposalId && !base && <SuggestedUnits proposalId={proposalId} />}
      <Form.Item
        name="leadUnitId"
        label={t('proposal.form.leadUnit')}
        rules={[{ required: true, message: t('common.choose', { field: t('proposal.form.leadUnit') }) }]}
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
        <DateField min={tomorrow} allowClear />
      </Form.Item>
    </>
  );
}
