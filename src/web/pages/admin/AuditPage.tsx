// 审计日志 (admin): who changed what, newest first, with before/after JSON in an expandable row.
// Actions and object types are stable ids; the server names them in the page's language (core/audit/names.ts).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Flex, Input, Row, Select, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, withQuery } from '../../api';
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

export default function AuditPage() {
  const { t, lang, formatDateTime } = useI18n();
  const [entity, setEntity] = useState('');
  const [entityId, setEntityId] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const params = { entity, entityId, page, pageSize };
  const audit = useQuery({
    queryKey: [...keys.audit, params, lang],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/v1/audit', params, signal),
    placeholderData: keepPreviousData,
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
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      render: (id: string | null) => (id ? <Typography.Text code copyable={{ text: id }}>{id.length > 12 ? `${id.slice(0, 8)}…` : id}</Typography.Text> : t('common.none')),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
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
        <Typography.Text type="secondary">{t('audit.order')}</Typography.Text>
        <ExportButton href={withQuery('/api/v1/audit.xlsx', { entity, entityId })} total={audit.data?.total} />
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
