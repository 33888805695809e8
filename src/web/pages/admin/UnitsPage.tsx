import { Form, Input, Select, Tag } from 'antd';
import { CrudPage } from '../../components/CrudPage';
import type { CrudPageConfig } from '../../components/CrudPage';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import { UNIT_KINDS } from '../../types';
import type { Unit, UnitKind } from '../../types';

function UnitFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('unit.kind')} rules={[{ required: true, message: t('common.required', { field: t('unit.kind') }) }]}>
        <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
      </Form.Item>
    </>
  );
}

const config: CrudPageConfig<Unit> = {
  resource: '/api/v1/units',
  exportable: true,
  queryKey: keys.units,
  title: 'unit.title',
  entity: 'unit.entity',
  columns: ({ t }) => [
    { title: t('common.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('unit.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 140,
      render: (kind: UnitKind) => <Tag>{UNIT_KINDS.includes(kind) ? t(`unitKind.${kind}`) : kind}</Tag>,
    },
  ],
  renderFields: () => <UnitFields />,
  toFormValues: (u) => ({ name: u.name, kind: u.kind }),
  toBody: (v) => ({ name: String(v.name ?? '').trim(), kind: v.kind }),
  createDefaults: { kind: 'government' },
  displayName: (u) => u.name,
};

export default function UnitsPage() {
  return <CrudPage config={config} />;
}
