import { Form, Input, InputNumber } from 'antd';
import { CrudPage } from '../../components/CrudPage';
import type { CrudPageConfig } from '../../components/CrudPage';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { Sector } from '../../types';

function SectorFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="sort" label={t('sector.sort')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

const config: CrudPageConfig<Sector> = {
  resource: '/api/v1/sectors',
  exportable: true,
  queryKey: keys.sectors,
  title: 'sector.title',
  entity: 'sector.entity',
  columns: ({ t }) => [
    { title: t('sector.sort'), dataIndex: 'sort', key: 'sort', width: 80 },
    { title: t('common.name'), dataIndex: 'name', key: 'name' },
    { title: t('sector.memberCount'), dataIndex: 'memberCount', key: 'memberCount', width: 100 },
  ],
  renderFields: () => <SectorFields />,
  toFormValues: (s) => ({ name: s.name, sort: s.sort }),
  toBody: (v) => ({ name: String(v.name ?? '').trim(), ...(v.sort != null ? { sort: v.sort } : {}) }),
  displayName: (s) => s.name,
  alsoInvalidate: [keys.members],
};

export default function SectorsPage() {
  return <CrudPage config={config} />;
}
