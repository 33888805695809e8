// A user's API tokens with their expiry, each revocable: on 我的账户 (one's own) and on an
// administrator's user form (another login's). `url` lists them; `${url}/${id}` revokes one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import { QueryError } from './QueryError';
import { problemText } from './formErrors';
import type { ApiToken, ItemList } from '../types';

export function TokenTable({ url, queryKey }: { url: string; queryKey: readonly unknown[] }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const tokens = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<ItemList<ApiToken>>(url, undefined, signal),
    select: (d) => d.items,
  });

  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`${url}/${id}`),
    onSuccess: () => {
      message.success(t('account.revoked'));
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (err) => message.error(problemText(err)),
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('account.tokenName'), dataIndex: 'name', key: 'name' },
    { title: t('account.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('account.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (v: string) => (
        <>
          {formatDateTime(v)} {new Date(v).getTime() <= Date.now() && <Tag color="red">{t('account.expired')}</Tag>}
        </>
      ),
    },
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
    </>
  );
}
