// One generic admin list page: search, table, create/edit modal, deactivate/reactivate.
// Sectors, special committees, units and users are configurations of it.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Flex, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, withQuery } from '../api';
import { useUser } from '../auth';
import { useI18n } from '../i18n';
import type { I18n, MessageKey } from '../i18n';
import type { Page, User } from '../types';
import { ExportButton } from './ExportButton';
import { FormModal } from './FormModal';
import { problemText } from './formErrors';
import { PageHeader } from './PageHeader';
import { QueryError } from './QueryError';

export interface CrudRow {
  id: string;
  active: boolean;
}

export type FormMode = 'create' | 'edit';
export type FormValues = Record<string, unknown>;

export interface CrudPageConfig<T extends CrudRow> {
  /** e.g. /api/v1/sectors */
  resource: string;
  /** Where the list is read, when not `resource` (e.g. /api/v1/orgs/children). */
  listResource?: string;
  /** Said above the list. */
  intro?: MessageKey;
  /** More buttons on a row, after edit and deactivate. */
  rowActions?: (row: T) => ReactNode;
  queryKey: readonly string[];
  title: MessageKey;
  /** Singular noun for “新增{entity}” / “编辑{entity}”. */
  entity: MessageKey;
  searchPlaceholder?: MessageKey;
  columns: (i18n: I18n) => TableColumnsType<T>;
  renderFields: (mode: FormMode, record: T | undefined) => ReactNode;
  toFormValues?: (record: T) => FormValues;
  toBody: (values: FormValues, mode: FormMode, record: T | undefined) => unknown;
  createDefaults?: FormValues;
  displayName: (row: T) => string;
  canDeactivate?: (row: T, user: User) => boolean;
  /** Offer the list as .xlsx and CSV (`<resource>.xlsx` with the same search and filter). */
  exportable?: boolean;
  /** Other query keys whose data changes with this resource. */
  alsoInvalidate?: readonly (readonly string[])[];
}

interface Editing<T> {
  mode: FormMode;
  record?: T;
}

export function CrudPage<T extends CrudRow>({ config }: { config: CrudPageConfig<T> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const [modalOpen, setModalOpen] = useState(false);

  const params = { q, page, pageSize, active: showInactive ? 'all' : undefined };
  const list = useQuery({
    queryKey: [...config.queryKey, 'list', params],
    queryFn: ({ signal }) => api.get<Page<T>>(config.listResource ?? config.resource, params, signal),
    placeholderData: keepPreviousData,
  });

  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: config.queryKey });
    for (const key of config.alsoInvalidate ?? []) void queryClient.invalidateQueries({ queryKey: key });
  };

  const setActive = useMutation({
    mutationFn: ({ row, active }: { row: T; active: boolean }) =>
      active
        ? api.patch<T>(`${config.resource}/${row.id}`, { active: true })
        : api.del<T>(`${config.resource}/${row.id}`),
    onSuccess: (_data, { active }) => {
      message.success(t(active ? 'common.reactivated' : 'common.deactivated'));
      invalidate();
    },
    onError: (err) => message.error(problemText(err)),
  });

  const openModal = (next: Editing<T>) => {
    setEditing(next);
    setModalOpen(true);
  };

  const columns: TableColumnsType<T> = [
    ...config.columns(i18n),
    {
      title: t('common.active'),
      dataIndex: 'active',
      key: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('common.activeYes')}</Tag> : <Tag>{t('common.activeNo')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: config.rowActions ? 200 : 150,
      render: (_: unknown, row: T) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => openModal({ mode: 'edit', record: row })}>
            {t('common.edit')}
          </Button>
          {row.active
            ? (config.canDeactivate?.(row, user) ?? true) && (
                <Popconfirm
                  title={t('common.confirmDeactivate', { name: config.displayName(row) })}
                  okText={t('common.deactivate')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => setActive.mutateAsync({ row, active: false }).catch(() => undefined)}
                >
                  <Button type="link" size="small" danger>
                    {t('common.deactivate')}
                  </Button>
                </Popconfirm>
              )
            : (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setActive.mutate({ row, active: true })}
                >
                  {t('common.reactivate')}
                </Button>
              )}
          {config.rowActions?.(row)}
        </Space>
      ),
    },
  ];

  const entity = t(config.entity);
  return (
    <>
      <PageHeader
        title={t(config.title)}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openModal({ mode: 'create' })}>
            {t('crud.createTitle', { entity })}
          </Button>
        }
      />
      {config.intro && <Typography.Paragraph type="secondary">{t(config.intro)}</Typography.Paragraph>}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t(config.searchPlaceholder ?? 'crud.searchPlaceholder')}
          aria-label={t(config.searchPlaceholder ?? 'crud.searchPlaceholder')}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ maxWidth: 320, flex: '1 1 200px' }}
        />
        <Checkbox
          checked={showInactive}
          onChange={(e) => {
            setShowInactive(e.target.checked);
            setPage(1);
          }}
        >
          {t('common.showInactive')}
        </Checkbox>
        {config.exportable && (
          <ExportButton href={withQuery(`${config.listResource ?? config.resource}.xlsx`, { q: q || undefined, active: params.active })} total={list.data?.total} />
        )}
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
        }}
      />
      {editing && (
        <CrudFormModal
          config={config}
          editing={editing}
          open={modalOpen}
          title={t(editing.mode === 'create' ? 'crud.createTitle' : 'crud.editTitle', { entity })}
          onClose={() => setModalOpen(false)}
          afterClose={() => setEditing(null)}
          onSaved={invalidate}
        />
      )}
    </>
  );
}

interface CrudFormModalProps<T extends CrudRow> {
  config: CrudPageConfig<T>;
  editing: Editing<T>;
  open: boolean;
  title: string;
  onClose: () => void;
  afterClose: () => void;
  onSaved: () => void;
}

function CrudFormModal<T extends CrudRow>(props: CrudFormModalProps<T>) {
  const { config, editing, open, title, onClose, afterClose, onSaved } = props;
  const { t } = useI18n();
  const { mode, record } = editing;

  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = config.toBody(values, mode, record);
      return mode === 'create'
        ? api.post<T>(config.resource, body)
        : api.patch<T>(`${config.resource}/${record!.id}`, body);
    },
    onSuccess: onSaved,
  });

  const initialValues =
    mode === 'edit' && record
      ? (config.toFormValues?.(record) ?? (record as unknown as FormValues))
      : (config.createDefaults ?? {});

  return (
    <FormModal<FormValues>
      title={title}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      submit={save.mutateAsync}
      submitting={save.isPending}
      done={t(mode === 'create' ? 'common.created' : 'common.saved')}
      okText={t('common.save')}
      initialValues={initialValues}
    >
      {config.renderFields(mode, record)}
    </FormModal>
  );
}
