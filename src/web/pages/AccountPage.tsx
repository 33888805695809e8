// 我的账户: who I am, and my API tokens (list, create — shown once — and revoke).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useUser } from '../auth';
import { useI18n } from '../i18n';
import { keys } from '../queries';
import { PageHeader } from '../components/PageHeader';
import { QueryError } from '../components/QueryError';
import { RoleTags } from '../components/RoleTags';
import { applyServerErrors, problemText } from '../components/formErrors';
import type { ApiToken, ItemList } from '../types';

interface CreatedToken {
  id: string;
  name: string;
  token: string;
}

export default function AccountPage() {
  const user = useUser();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const tokens = useQuery({
    queryKey: keys.tokens,
    queryFn: ({ signal }) => api.get<ItemList<ApiToken>>('/api/v1/auth/tokens', undefined, signal),
    select: (d) => d.items,
  });

  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/api/v1/auth/tokens/${id}`),
    onSuccess: () => {
      message.success(t('account.revoked'));
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (err) => message.error(problemText(err)),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('account.tokenName'), dataIndex: 'name', key: 'name' },
    { title: t('account.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('account.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('account.neverUsed')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, tok) => (
        <Popconfirm
          title={t('account.revokeConfirm', { name: tok.name })}
          okText={t('account.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(tok.id).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            {t('account.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Flex vertical gap={16}>
        <Card title={t('account.profile')}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'username', label: t('user.username'), children: user.username },
              { key: 'displayName', label: t('user.displayName'), children: user.displayName || t('common.none') },
              { key: 'org', label: t('account.org'), children: user.orgName },
              { key: 'roles', label: t('user.roles'), children: <RoleTags roles={user.roles} /> },
              ...(user.memberId
                ? [{ key: 'member', label: t('home.myProfile'), children: <Link to={`/members/${user.memberId}`}>{t('member.profile')}</Link> }]
                : []),
            ]}
          />
        </Card>

        <Card
          title={t('account.tokens')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('account.createToken')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('account.tokensIntro')}</Typography.Paragraph>
          {created && (
            <Alert
              type="success"
              showIcon
              icon={<KeyOutlined />}
              closable={{ onClose: () => setCreated(null), 'aria-label': t('common.close') }}
              title={t('account.tokenCreatedNamed', { name: created.name })}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>{t('account.tokenOnce')}</Typography.Paragraph>
                  <Typography.Paragraph
                    code
                    copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.saved')] }}
                    style={{ wordBreak: 'break-all', marginBottom: 0 }}
                    aria-label={t('account.tokens')}
                  >
                    {created.token}
                  </Typography.Paragraph>
                </>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          {tokens.isError && <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />}
          <Table<ApiToken>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tokens.data}
            loading={tokens.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('account.noTokens')} /> }}
          />
        </Card>
      </Flex>

      <CreateTokenModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(tok) => {
          setCreateOpen(false);
          setCreated(tok);
          void queryClient.invalidateQueries({ queryKey: keys.tokens });
        }}
      />
    </>
  );
}

function CreateTokenModal(props: { open: boolean; onClose: () => void; onCreated: (tok: CreatedToken) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (name: string) => api.post<CreatedToken>('/api/v1/auth/tokens', { name }),
    onSuccess: (tok) => {
      form.resetFields();
      props.onCreated(tok);
    },
    onError: (err) => setError(applyServerErrors(form, err)),
  });
  return (
    <Modal
      open={props.open}
      title={t('account.createToken')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ name }) => {
          setError(null);
          create.mutate(name.trim());
        }}
      >
        <Form.Item
          name="name"
          label={t('account.tokenName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('account.tokenName') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
