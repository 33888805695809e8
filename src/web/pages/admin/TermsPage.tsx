// 届次: terms with their numbered sessions; add/edit a term, add a session.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Form, InputNumber, Modal, Row, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyServerErrors } from '../../components/formErrors';
import type { ItemList, Session, Term } from '../../types';
import { DateField } from '../../components/DateField';

type Dialog =
  | { kind: 'term'; term?: Term }
  | { kind: 'session'; term: Term };

export default function TermsPage() {
  const { t, formatDate } = useI18n();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [open, setOpen] = useState(false);

  const terms = useQuery({
    queryKey: [...keys.terms, 'list'],
    queryFn: ({ signal }) => api.get<ItemList<Term>>('/api/v1/terms', undefined, signal),
    select: (d) => [...d.items].sort((a, b) => b.number - a.number),
  });

  const show = (next: Dialog) => {
    setDialog(next);
    setOpen(true);
  };

  const columns: TableColumnsType<Term> = [
    {
      title: t('term.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: number, term) => (
        <Space size={6}>
          {t('term.label', { number: n })}
          {term.current && <Tag color="red">{t('term.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('term.years'),
      key: 'years',
      render: (_: unknown, term) => `${term.startYear}–${term.endYear}`,
    },
    {
      title: t('term.sessions'),
      key: 'sessions',
      render: (_: unknown, term) => term.sessions?.length ?? 0,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, term) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => show({ kind: 'term', term })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => show({ kind: 'session', term })}>
            {t('term.addSession')}
          </Button>
        </Space>
      ),
    },
  ];

  const sessionColumns: TableColumnsType<Session> = [
    { title: t('session.number'), dataIndex: 'number', key: 'number', render: (n: number) => t('session.label', { number: n }) },
    { title: t('session.startsOn'), dataIndex: 'startsOn', key: 'startsOn', render: (d: string) => formatDate(d) },
    { title: t('session.endsOn'), dataIndex: 'endsOn', key: 'endsOn', render: (d: string | null) => formatDate(d) },
  ];

  return (
    <>
      <PageHeader
        title={t('term.title')}
        extra={
          <>
            <ExportButton href="/api/v1/terms.xlsx" total={terms.data?.length} />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => show({ kind: 'term' })}>
              {t('term.add')}
            </Button>
          </>
        }
      />
      {terms.isError && <QueryError error={terms.error} onRetry={() => void terms.refetch()} />}
      <Table<Term>
        key={terms.data ? 'loaded' : 'loading'}
        rowKey="id"
        columns={columns}
        dataSource={terms.data}
        loading={terms.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          defaultExpandedRowKeys: terms.data?.filter((x) => x.current).map((x) => x.id),
          expandedRowRender: (term) =>
            term.sessions?.length ? (
              <Table<Session>
                rowKey="id"
                size="small"
                columns={sessionColumns}
                dataSource={[...term.sessions].sort((a, b) => a.number - b.number)}
                pagination={false}
              />
            ) : (
              <span>{t('term.noSessions')}</span>
            ),
        }}
      />
      {dialog && (
        <Modal
          open={open}
          title={
            dialog.kind === 'session'
              ? t('session.addTitle', { number: dialog.term.number })
              : t(dialog.term ? 'term.edit' : 'term.add')
          }
          footer={null}
          onCancel={() => setOpen(false)}
          afterClose={() => setDialog(null)}
          destroyOnHidden
        >
          {dialog.kind === 'term' ? (
            <TermForm term={dialog.term} onDone={() => setOpen(false)} />
          ) : (
            <SessionForm term={dialog.term} onDone={() => setOpen(false)} />
          )}
        </Modal>
      )}
    </>
  );
}

function useSave<V>(send: (values: V) => Promise<unknown>, onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: () => {
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: keys.terms });
      onDone();
    },
    onError: (err) => setError(applyServerErrors(form, err)),
  });
  const submit = (values: V) => {
    setError(null);
    mutation.mutate(values);
  };
  return { form, error, submit, pending: mutation.isPending };
}

function FormButtons({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('common.save')}
      </Button>
    </Space>
  );
}

interface TermValues {
  number: number;
  startYear: number;
  endYear: number;
  current: boolean;
}

function TermForm({ term, onDone }: { term?: Term; onDone: () => void }) {
  const { t } = useI18n();
  const { form, error, submit, pending } = useSave<TermValues>(
    (v) => (term ? api.patch(`/api/v1/terms/${term.id}`, v) : api.post('/api/v1/terms', v)),
    onDone,
  );
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const thisYear = new Date().getFullYear();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        term
          ? { number: term.number, startYear: term.startYear, endYear: term.endYear, current: term.current }
          : { startYear: thisYear, endYear: thisYear + 5, current: false }
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="number" label={t('term.number')} rules={[required(t('term.number'))]}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="startYear" label={t('term.startYear')} rules={[required(t('term.startYear'))]}>
            <InputNumber min={1949} max={2200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="endYear" label={t('term.endYear')} rules={[required(t('term.endYear'))]}>
            <InputNumber min={1949} max={2200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="current" valuePropName="checked">
        <Checkbox>{t('term.current')}</Checkbox>
      </Form.Item>
      <FormButtons pending={pending} onCancel={onDone} />
    </Form>
  );
}

interface SessionValues {
  number: number;
  startsOn: string;
  endsOn?: string;
}

function SessionForm({ term, onDone }: { term: Term; onDone: () => void }) {
  const { t } = useI18n();
  const { form, error, submit, pending } = useSave<SessionValues>(
    (v) =>
      api.post(`/api/v1/terms/${term.id}/sessions`, {
        number: v.number,
        startsOn: v.startsOn,
        ...(v.endsOn ? { endsOn: v.endsOn } : {}),
      }),
    onDone,
  );
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  const nextNumber = Math.max(0, ...(term.sessions ?? []).map((s) => s.number)) + 1;
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ number: nextNumber }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="number" label={t('session.number')} rules={[required(t('session.number'))]}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="startsOn" label={t('session.startsOn')} rules={[required(t('session.startsOn'))]}>
        <DateField allowClear />
      </Form.Item>
      <Form.Item
        name="endsOn"
        label={t('session.endsOn')}
        dependencies={['startsOn']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value?: string) => {
              const start = getFieldValue('startsOn') as string | undefined;
              return !value || !start || value >= start ? Promise.resolve() : Promise.reject(new Error(`${t('session.endsOn')} < ${t('session.startsOn')}`));
            },
          }),
        ]}
      >
        <DateField allowClear />
      </Form.Item>
      <FormButtons pending={pending} onCancel={onDone} />
    </Form>
  );
}
