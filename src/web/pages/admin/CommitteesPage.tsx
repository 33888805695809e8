import { Form, Input } from 'antd';
import { CrudPage } from '../../components/CrudPage';
import type { CrudPageConfig } from '../../components/CrudPage';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { Committee } from '../../types';

function CommitteeFields() {
  const { t } = useI18n();
  return (
    <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }]}>
      <Input maxLength={100} />
    </Form.Item>
  );
}

const config: CrudPageConfig<Committee> = {
  resource: '/api/v1/committees',
  exportable: true,
  queryKey: keys.committees,
  title: 'committee.title',
  entity: 'committee.entity',
  columns: ({ t }) => [{ title: t('common.name'), dataIndex: 'name', key: 'name' }],
  renderFields: () => <CommitteeFields />,
  toFormValues: (c) => ({ name: c.name }),
  toBody: (v) => ({ name: String(v.name ?? '').trim() }),
  displayName: (c) => c.name,
  alsoInvalidate: [keys.members],
};

export default function CommitteesPage() {
  return <CrudPage config={config} />;
}
