// 文库: documents by category, format and search words; staff upload, keep categories and resolve reports.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Empty, Flex, Form, Input, List, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { ApartmentOutlined, FileTextOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText, withQuery } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { usePublicOrgId } from '../../components/PublicOrgChooser';
import { categoryOptions, FORMATS, sizeText, type Category, type CategoryOption, type DocItem, type Report } from './libraryApi';
import { CategoriesModal, CategoryModal } from './CategoryManager';
import { DocumentFields } from './DocumentForm';

const isOffice = (roles: string[] | undefined) => !!roles?.some((r) => r === 'staff' || r === 'admin');

export default function LibraryPage() {
  const { t, formatDate } = useI18n();
  const canRollUp = useCanRollUp();
  const { user } = useAuth();
  const office = isOffice(user?.roles);
  // The search words, category, format and page are kept in the address: a link or a reload shows the same list.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryId = params.get('category') ?? undefined;
  const format = params.get('format') ?? undefined;
  const page = Number(params.get('page')) || 1;
  /** Changes some of them; any change but the page's goes back to the first page. */
  const show = (changes: { q?: string; category?: string; format?: string; page?: number }) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (!('page' in changes)) next.delete('page');
    for (const [k, v] of Object.entries(changes)) if (v && v !== 1) next.set(k, String(v)); else next.delete(k);
    return next;
  }, { replace: true });
  // 含下级: the public documents of this committee and those below it, each with its committee.
  const [scope, setScope] = useState<Scope>('own');
  const [uploading, setUploading] = useState(false);
  const [addingCategory, setAddingCategory] = useState(false);
  const [managing, setManaging] = useState(false);
  // A visitor's committee (PublicOrgChooser, ?org=): its categories and documents; another one starts afresh.
  const orgId = usePublicOrgId();
  const shownOrg = useRef(orgId);
  useEffect(() => {
    if (shownOrg.current !== orgId) show({ category: undefined });
    shownOrg.current = orgId;
  }, [orgId]);
  const cats = useQuery({ queryKey: ['library', 'categories', orgId], queryFn: () => api.get<{ items: Category[] }>('/api/v1/documents/categories', { orgId }) });
  const list = useQuery({
    queryKey: ['library', 'list', q, categoryId, format, page, scope, orgId],
    queryFn: () => api.get<{ items: DocItem[]; total: number }>('/api/v1/documents', { q: q || undefined, categoryId, format, page, pageSize: 20, scope: scope === 'tree' ? scope : undefined, orgId }),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.state === 'processing') ? 3000 : false),
  });
  const categories = cats.data?.items ?? [];
  const options = categoryOptions(categories);
  return (
    <>
      <PageHeader
        title={t('library.title')}
        extra={office && (
          <>
            <Button onClick={() => setAddingCategory(true)} icon={<PlusOutlined />}>{t('library.newCategory')}</Button>
            <Button onClick={() => setManaging(true)} icon={<ApartmentOutlined />}>{t('library.manageCategories')}</Button>
            <Button type="primary" onClick={() => setUploading(true)} icon={<UploadOutlined />}>{t('library.upload')}</Button>
          </>
        )}
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        {canRollUp && <ScopeSwitch value={scope} onChange={(v) => { setScope(v); show({}); }} />}
        <Input.Search allowClear defaultValue={q} placeholder={t('library.search')} aria-label={t('library.search')} onSearch={(v) => show({ q: v.trim() })} style={{ flex: '1 1 240px' }} />
        <Select allowClear placeholder={t('library.allCategories')} aria-label={t('library.category')} options={options} value={categoryId}
          onChange={(v) => show({ category: v })} style={{ flex: '1 1 160px' }} />
        <Select allowClear placeholder={t('library.allFormats')} aria-label={t('library.format')} options={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))} value={format}
          onChange={(v) => show({ format: v })} style={{ flex: '0 1 120px' }} />
        <ExportButton href={withQuery('/api/v1/documents.xlsx', { q: q || undefined, categoryId, format, orgId })} total={list.data?.total} />
      </Flex>
      {(q || categoryId || format) && list.data && (
        <Typography.Paragraph type="secondary" role="status">{t('library.found', { n: list.data.total })}</Typography.Paragraph>
      )}
      <List<DocItem>
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('library.empty')} /> }}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, total: list.data?.total, pageSize: 20, onChange: (n) => show({ page: n }), size: 'small' } : false}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta
              avatar={<FileTextOutlined style={{ fontSize: 24 }} />}
              // (another committee's, listed with 含下级, opens as a visitor there reads it)
              title={<Link to={`/library/${d.id}`}>{d.title}</Link>}
              description={
                <Space wrap size={[8, 0]}>
                  {d.orgName && <Tag color="blue">{d.orgName}</Tag>}
                  <span>{d.format.toUpperCase()}</span>
                  {d.pages !== null && <span>{t('library.pages')} {d.pages}</span>}
                  <span>{sizeText(d.size)}</span>
                  <span>{formatDate(d.uploadedAt)}</span>
                  {d.state !== 'ready' && <Tag color={d.state === 'failed' ? 'red' : 'blue'}>{t(`library.state.${d.state}`)}</Tag>}
                  {d.hidden && <Tag>{t('library.hidden')}</Tag>}
                  {office && <Tag>{t(`library.access.${d.access}`)}</Tag>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {user && <Favourites />}
      {office && <Reports />}
      {uploading && <UploadModal categories={options} onClose={() => setUploading(false)} />}
      {addingCategory && <CategoryModal categories={categories} onClose={() => setAddingCategory(false)} />}
      {managing && <CategoriesModal categories={categories} onClose={() => setManaging(false)} />}
    </>
  );
}

function Favourites() {
  const { t } = useI18n();
  const favs = useQuery({ queryKey: ['library', 'favourites'], queryFn: () => api.get<{ items: DocItem[] }>('/api/v1/documents/favourites', { pageSize: 50 }) });
  if (!favs.data?.items.length) return null;
  return (
    <section style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('library.favourites')}</Typography.Title>
      <List size="small" dataSource={favs.data.items} renderItem={(d) => <List.Item><Link to={`/library/${d.id}`}>{d.title}</Link></List.Item>} />
    </section>
  );
}

function Reports() {
  const { t, formatDate } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const reports = useQuery({ queryKey: ['library', 'reports'], queryFn: () => api.get<{ items: Report[] }>('/api/v1/documents/reports') });
  const resolve = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'dismiss' | 'hide' }) => api.post(`/api/v1/documents/reports/${id}/resolve`, { action }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['library'] }),
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <section style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('library.reports')}</Typography.Title>
      <List<Report>
        size="small"
        dataSource={reports.data?.items ?? []}
        locale={{ emptyText: t('library.reportsEmpty') }}
        renderItem={(r) => (
          <List.Item actions={[
            <Button key="d" size="small" onClick={() => resolve.mutate({ id: r.id, action: 'dismiss' })}>{t('library.dismiss')}</Button>,
            <Button key="h" size="small" danger onClick={() => resolve.mutate({ id: r.id, action: 'hide' })}>{t('library.hide')}</Button>,
          ]}>
            <List.Item.Meta title={<Link to={`/library/${r.documentId}`}>{r.title}</Link>} description={`${formatDate(r.createdAt)} · ${r.reason}`} />
          </List.Item>
        )}
      />
    </section>
  );
}

function UploadModal({ categories, onClose }: { categories: CategoryOption[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const save = useMutation({
    mutationFn: async (v: { title?: string; access: string; categoryId?: string }) => {
      const body = new FormData();
      if (v.title) body.append('title', v.title);
      body.append('access', v.access);
      if (v.categoryId) body.append('categoryId', v.categoryId);
      body.append('file', file!, file!.name);
      return api.post<DocItem>('/api/v1/documents', body);
    },
    onSuccess: () => { message.success(t('library.uploadDone')); void qc.invalidateQueries({ queryKey: ['library'] }); onClose(); },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Modal open title={t('library.upload')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ disabled: !file, loading: save.isPending }} okText={t('library.upload')}>
      <Form form={form} layout="vertical" initialValues={{ access: 'members' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('library.file')} extra={t('library.fileHint')} required>
          <Upload accept=".doc,.docx,.pdf,.pptx,.xlsx,.txt" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
            <Button icon={<UploadOutlined />}>{t('library.file')}</Button>
          </Upload>
        </Form.Item>
        <DocumentFields categories={categories} upload />
      </Form>
    </Modal>
  );
}
