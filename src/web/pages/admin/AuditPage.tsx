// 审计日志 (admin): who changed what, newest first, with before/after JSON in an expandable row.
// Actions and object types are stable ids; the server names them in the page's language (core/audit/names.ts).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Col, Flex, Input, Row, Select, Tag, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, withQuery } from '../../api';
import { DateField } from '../../components/DateField';
import { ExportButton } from '../../components/ExportButton';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import type { AuditEntry, Page } from '../../types';

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { token } = theme.useToken();
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          margin: '4px 0 0',
          padding: 8,
          background: token.colorFillTertiary,
          borderRadius: token.borderRadius,
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** The object an entry touched: its title linked to its page, "deleted" if it is gone, and its id to copy. */
function Subject({ e }: { e: AuditEntry }) {
  const { t } = useI18n();
  const title = e.entityTitle && (e.entityHref && !e.entityGone ? <Link to={e.entityHref}>{e.entityTitle}</Link> : <Typography.Text>{e.entityTitle}</Typography.Text>);
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      {(title || e.entityGone) && (
        <span>
          {title}
          {e.entityGone && <Tag style={{ marginInlineStart: title ? 6 : 0 }}>{t('audit.gone')}</Tag>}
        </span>
      )}
      {e.entityId ? <Typography.Text code copyable={{ text: e.entityId }}>{e.entityId.length > 12 ? `${e.entityId.slice(0, 8)}…` : e.entityId}</Typography.Text> : !title && t('common.none')}
    </Flex>
  );
}

export default function AuditPage() {
  const { t, lang, formatDateTime } = useI18n();
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actorUserId, setActorUserId] = useState('');
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const filters = { entity, entityId, actorUserId, from, to };
  const params = { ...filters, page, pageSize };
  const audit = useQuery({
    queryKey: [...keys.audit, params, lang],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/v1/audit', params, signal),
    placeholderData: keepPreviousData,
  });
  // Who may be picked: the committee's logins.
  const people = useQuery({
    queryKey: [...keys.audit, 'people'],
    queryFn: ({ signal }) => api.get<Page<{ id: string; username: string; displayName: string }>>('/api/v1/users', { pageSize: 200 }, signal),
  });
  const entities = useQuery({
    queryKey: [...keys.audit, 'entities', lang],
    queryFn: ({ signal }) => api.get<{ entity: string; name: string }[]>('/api/v1/audit/entities', undefined, signal),
  });
  const items = audit.data?.items ?? [];
  // If the server leaves out total, allow paging on while pages come back full.
  const total = audit.data?.total ?? (page - 1) * pageSize + items.length + (items.length === pageSize ? 1 : 0);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actorName', render: (n: string | null, e) => n ?? e.actorUserId ?? t('common.none') },
    { title: t('audit.action'), dataIndex: 'actionName', key: 'action' },
    { title: t('audit.entity'), dataIndex: 'entityName', key: 'entity' },
    {
      title: t('audit.subject'),
      dataIndex: 'entityId',
      key: 'entityId',
      // The object by its title (the server's, of the object now or as the entry recorded it), beside its id.
      render: (_id: string | null, e) => <Subject e={e} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} extra={<ExportButton href={withQuery('/api/v1/audit.xlsx', filters)} total={audit.data?.total} />} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('audit.allEntities')}
          aria-label={t('audit.filterEntity')}
          value={entity || undefined}
          loading={entities.isPending}
          options={(entities.data ?? []).map((e) => ({ value: e.entity, label: e.name }))}
          onChange={(v?: string) => {
            setEntity(v ?? '');
            setPage(1);
          }}
          style={{ flex: '1 1 180px', maxWidth: 240 }}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.filterEntityId')}
          aria-label={t('audit.filterEntityId')}
          onSearch={(v) => {
            setEntityId(v.trim());
            setPage(1);
          }}
          style={{ flex: '1 1 180px', maxWidth: 320 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.allActors')}
          aria-label={t('audit.filterActor')}
          value={actorUserId || undefined}
          loading={people.isPending}
          options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName === u.username ? u.username : `${u.displayName} · ${u.username}` }))}
          onChange={(v?: string) => { setActorUserId(v ?? ''); setPage(1); }}
          style={{ flex: '1 1 180px', maxWidth: 240 }}
        />
        <div style={{ flex: '0 1 150px' }}><DateField aria-label={t('audit.from')} placeholder={t('audit.from')} value={from} max={to} allowClear onChange={(d) => { setFrom(d); setPage(1); }} /></div>
        <div style={{ flex: '0 1 150px' }}><DateField aria-label={t('audit.to')} placeholder={t('audit.to')} value={to} min={from} allowClear onChange={(d) => { setTo(d); setPage(1); }} /></div>
        <Typography.Text type="secondary">{t('audit.order')}</Typography.Text>
      </Flex>
      <ResponsiveList<AuditEntry>
        items={items}
        rowKey="id"
        columns={columns}
        query={audit}
        paging={{
          page,
          pageSize,
          total,
          showTotal: audit.data?.total !== undefined,
          onChange: (p, size) => {
            setPage(size !== pageSize ? 1 : p);
            setPageSize(size);
          },
        }}
        table={{
          expandable: {
            expandedRowRender: (e) => (
              <Row gutter={[16, 16]}>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.before')} value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <JsonBlock title={t('audit.after')} value={e.after} />
                </Col>
              </Row>
            ),
          },
        }}
      />
    </>
  );
}
