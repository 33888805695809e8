// 积分规则: points per kind of entry (and per adoption level or contact channel), grade lines and
// reminder days. Staff edit them (saving recomputes every year); leaders read them.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { useAuth } from '../../auth';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import { GRADES, gradeKey, kindKey, useRecordsWrite, useRules, variantKey } from '../../components/records/model';
import type { DutyRules } from '../../components/records/model';

interface Values { points: Record<string, number>; grades: DutyRules['grades']; proposalBy: string; passCheckFrom: string }

export default function RulesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const editable = hasRole('staff', 'admin');
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  // Field names with a dot would nest: the points are edited under keys with ':' for '.'.
  const save = useRecordsWrite((v: Values) => api.put<DutyRules>('/api/v1/records/rules', {
    ...v, points: Object.fromEntries(Object.entries(v.points).map(([k, n]) => [k.replace(':', '.'), n])),
  }));
  const label = (key: string) => {
    const [kind, variant] = key.split('.');
    return variant ? `${t(kindKey(kind!))}（${t(variantKey(variant))}）` : t(kindKey(kind!));
  };
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  if (!rules.data) return <Skeleton active />;
  const r = rules.data;
  const initial: Values = { ...r, points: Object.fromEntries(Object.entries(r.points).map(([k, n]) => [k.replace('.', ':'), n])) };
  return (
    <>
      <PageHeader title={t('nav.recordRules')} />
      <Typography.Paragraph type="secondary">{t('records.rules.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} onFinish={(v) => {
        setError(null);
        save.mutate(v, { onSuccess: () => message.success(t('records.rules.saved')), onError: (e) => setError(applyServerErrors(form, e)) });
      }}>
        <Flex vertical gap={12}>
          <Card size="small" title={t('records.rules.grades')}>
            <Flex wrap gap={16}>
              {GRADES.filter((g) => g !== 'fail').map((g) => (
                <Form.Item key={g} name={['grades', g]} label={t(gradeKey(g))} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                  <InputNumber min={-1000} max={1000} style={{ width: 110 }} />
                </Form.Item>
              ))}
            </Flex>
          </Card>
          <Card size="small" title={t('records.rules.points')}>
            <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
              {Object.keys(r.points).map((key) => (
                <Form.Item key={key} name={['points', key.replace('.', ':')]} label={label(key)} style={{ marginBottom: 0 }} rules={[{ required: true }]}>
                  <InputNumber min={-1000} max={1000} style={{ width: '100%' }} />
                </Form.Item>
              ))}
            </div>
          </Card>
          <Card size="small" title={t('records.rules.warnings')}>
            <Flex wrap gap={16}>
              <Form.Item name="proposalBy" label={t('records.rules.proposalBy')} style={{ marginBottom: 0 }} rules={[{ required: true, pattern: /^\d{2}-\d{2}$/ }]}>
                <Input style={{ width: 110 }} placeholder="06-30" />
              </Form.Item>
              <Form.Item name="passCheckFrom" label={t('records.rules.passCheckFrom')} style={{ marginBottom: 0 }} rules={[{ required: true, pattern: /^\d{2}-\d{2}$/ }]}>
                <Input style={{ width: 110 }} placeholder="11-01" />
              </Form.Item>
            </Flex>
          </Card>
          {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
          {editable && <Flex justify="end"><Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button></Flex>}
        </Flex>
      </Form>
    </>
  );
}
