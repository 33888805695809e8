// One document as a document-sharing site shows it: breadcrumbs, the metadata block (title,
// uploader masked, number, time, format, pages, size, downloads), favourite / share / report /
// download, the pages one after another (images lazy-loaded, their text as a layer to copy and as
// alt for screen readers; text parts where the server renders no images), 登录后继续阅读 at the
// preview limit, the extracted text with 展开全文, related documents, where it is used (关联事项)
// and 猜你喜欢.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Input, List, Modal, Result, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, FlagOutlined, HeartFilled, HeartOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorText } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { QueryError } from '../../components/QueryError';
import { sizeText, type DocDetail, type DocItem } from './libraryApi';
import { RelatedSearches } from '../../components/RelatedSearches';
import { AlsoLike, DocumentUsage } from './DocumentExtras';
import { EditDocumentModal } from './DocumentForm';

export default function DocumentPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const share = search.get('share') ?? undefined;
  const { t, formatDateTime } = useI18n();
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const isOfficeUser = !!user?.roles.some((r) => r === 'staff' || r === 'admin');
  // Any logged-in reader keeps favourites and reports, a public account (网民) too.
  const reader = !!user;
  const q = { share };
  const doc = useQuery({
    queryKey: ['library', 'doc', id, share], queryFn: () => api.get<DocDetail>(`/api/v1/documents/${id}`, q),
    // While it is processed, asked again every few seconds.
    refetchInterval: (query) => (query.state.data?.state === 'processing' ? 3000 : false),
  });
  const ready = doc.data?.state === 'ready';
  const text = useQuery({ queryKey: ['library', 'text', id, share], enabled: ready, queryFn: () => api.get<{ pages: { n: number; text: string }[] }>(`/api/v1/documents/${id}/text`, q) });
  const related = useQuery({ queryKey: ['library', 'related', id, share], enabled: ready, queryFn: () => api.get<{ items: DocItem[] }>(`/api/v1/documents/${id}/related`, q) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['library'] });
  const fail = (err: unknown) => message.error(errorText(err));
  const favourite = useMutation({
    mutationFn: (on: boolean) => (on ? api.put(`/api/v1/documents/${id}/favourite`, undefined) : api.del(`/api/v1/documents/${id}/favourite`)),
    onSuccess: refresh, onError: fail,
  });
  const shareLink = useMutation({
    mutationFn: () => api.post<{ url: string }>(`/api/v1/documents/${id}/share`),
    onSuccess: async (r) => {
      const url = `${window.location.origin}${r.url}`;
      try { await navigator.clipboard.writeText(url); message.success(t('library.shareDone')); } catch { modal.info({ title: t('library.shareLink'), content: <Typography.Paragraph copyable>{url}</Typography.Paragraph> }); }
    },
    onError: fail,
  });
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState('');
  const report = useMutation({
    mutationFn: () => api.post(`/api/v1/documents/${id}/reports`, { reason }),
    onSuccess: () => { message.success(t('library.reportDone')); setReporting(false); setReason(''); },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/api/v1/documents/${id}`),
    onSuccess: () => { message.success(t('library.deleted')); void refresh(); navigate('/library'); },
    onError: fail,
  });

  const login = () => navigate('/login', { state: { from: `${location.pathname}${location.search}` } });
  // None to read here (no such document, an address mistyped, or one for members): a visitor is offered the login,
  // since a document for members is not said to exist to anyone else.
  if (doc.error instanceof ApiError && (doc.error.status === 404 || doc.error.status === 400)) {
    return (
      <Result status="404" title={t('library.notFound')} subTitle={t(user ? 'library.notFoundDetail' : 'library.notFoundVisitor')}
        extra={[
          ...(user ? [] : [<Button key="login" type="primary" onClick={login}>{t('login.submit')}</Button>]),
          <Button key="library" onClick={() => navigate('/library')}>{t('library.backToLibrary')}</Button>,
        ]} />
    );
  }
  if (doc.error) return <QueryError error={doc.error} />;
  const d = doc.data;
  if (!d) return null;
  // Another committee's public document (opened from 含下级) is read as a visitor there: the office's tools are its own committee's.
  const office = isOfficeUser && d.orgId === user?.orgId;
  const pages = text.data?.pages ?? [];
  const total = d.pages ?? 0;
  const suffix = share ? `?share=${encodeURIComponent(share)}` : '';

  return (
    <article>
      {d.breadcrumbs.length > 0 && (
        <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/library">{t('library.title')}</Link> }, ...d.breadcrumbs.map((b) => ({ title: b.name }))]} />
      )}
      <Typography.Title level={3} style={{ marginTop: 0, wordBreak: 'break-word' }}>{d.title}</Typography.Title>
      {d.orgName && <Tag color="blue" style={{ marginBottom: 8 }}>{d.orgName}</Tag>}
      <Descriptions size="small" column={{ xs: 2, sm: 3, md: 4 }} style={{ marginBottom: 12 }} items={[
        { key: 'u', label: t('library.uploader'), children: d.uploader },
        { key: 'no', label: t('library.number'), children: d.number },
        { key: 'at', label: t('library.uploadedAt'), children: formatDateTime(d.uploadedAt) },
        { key: 'f', label: t('library.format'), children: d.format.toUpperCase() },
        { key: 'p', label: t('library.pages'), children: d.pages ?? '—' },
        { key: 's', label: t('library.size'), children: sizeText(d.size) },
        { key: 'dl', label: t('library.downloads'), children: d.downloads },
      ]} />
      <Space wrap style={{ marginBottom: 16 }}>
        {d.mayDownload && (
          <Button icon={<DownloadOutlined />} href={`/api/v1/documents/${id}/file`} onClick={() => setTimeout(() => void refresh(), 1000)}>{t('library.download')}</Button>
        )}
        {reader && (
          <Button icon={d.favourite ? <HeartFilled /> : <HeartOutlined />} onClick={() => favourite.mutate(!d.favourite)} aria-pressed={d.favourite}>
            {d.favourite ? t('library.unfavourite') : t('library.favourite')}
          </Button>
        )}
        {d.mayDownload && ready && <Button icon={<ShareAltOutlined />} onClick={() => shareLink.mutate()}>{t('library.share')}</Button>}
        {reader && <Button icon={<FlagOutlined />} onClick={() => setReporting(true)}>{t('library.report')}</Button>}
        {office && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
        {office && (
          <Button danger icon={<DeleteOutlined />} onClick={() => modal.confirm({ title: t('library.confirmDelete', { title: d.title }), okButtonProps: { danger: true }, onOk: () => remove.mutateAsync() })}>
            {t('library.delete')}
          </Button>
        )}
      </Space>

      {d.state === 'processing' && <Alert type="info" showIcon message={t('library.processing')} />}
      {d.state === 'failed' && <Alert type="error" showIcon message={t('library.failed', { reason: d.reason ?? '' })} />}
      {ready && d.previewKind === 'text' && <Alert type="info" showIcon message={t('library.textPreview')} style={{ marginBottom: 12 }} />}

      {ready && (
        <Flex vertical gap={12} aria-label={t('library.pages')}>
          {pages.map((p) => (
            <figure key={p.n} style={{ margin: 0 }}>
              {d.previewKind === 'image' ? (
                <div style={{ position: 'relative', border: '1px solid #eee', background: '#fff' }}>
                  <img src={`/api/v1/documents/${id}/pages/${p.n}${suffix}`} loading="lazy" alt={t('library.pageAlt', { n: p.n, text: p.text })}
                    style={{ display: 'block', width: '100%', height: 'auto' }} />
                  {/* The page's text over its image, invisible: selectable and copyable where the words are. */}
                  <div aria-hidden style={{ position: 'absolute', inset: 0, color: 'transparent', overflow: 'hidden', whiteSpace: 'pre-wrap', padding: '8%', fontSize: 12, lineHeight: 1.6 }}>{p.text}</div>
                </div>
              ) : (
                <Card size="small"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{p.text}</Typography.Paragraph></Card>
              )}
              <figcaption style={{ textAlign: 'center', color: '#888', fontSize: 12 }}>{t('library.pageOf', { n: p.n, total })}</figcaption>
            </figure>
          ))}
          {d.previewPages < total && (
            <Card style={{ textAlign: 'center' }}>
              <Typography.Paragraph>{t('library.limit', { total })}</Typography.Paragraph>
              {user ? <Typography.Text type="secondary">{t('library.insidersOnly')}</Typography.Text>
                : <Button type="primary" size="large" onClick={login}>{t('library.loginToRead')}</Button>}
            </Card>
          )}
        </Flex>
      )}

      {ready && pages.length > 0 && <FullText parts={pages.map((p) => p.text)} />}

      {(related.data?.items.length ?? 0) > 0 && (
        <section style={{ marginTop: 24 }}>
          <Typography.Title level={4}>{t('library.related')}</Typography.Title>
          <List size="small" dataSource={related.data!.items}
            renderItem={(r) => <List.Item><Link to={`/library/${r.id}`}>{r.title}</Link><span style={{ color: '#888' }}>{r.format.toUpperCase()}</span></List.Item>} />
        </section>
      )}

      {doc.data && <DocumentUsage id={id} share={share} office={office} />}
      {ready && <AlsoLike id={id} share={share} />}

      {/* Searches related to the one that led here (?q=), else to the document's title. */}
      {doc.data && <RelatedSearches q={search.get('q') ?? doc.data.title} />}

      {editing && <EditDocumentModal doc={d} onClose={() => setEditing(false)} />}
      <Modal open={reporting} title={t('library.report')} onCancel={() => setReporting(false)} onOk={() => report.mutate()} okButtonProps={{ disabled: !reason.trim(), loading: report.isPending }}>
        <Input.TextArea aria-label={t('library.reportReason')} placeholder={t('library.reportReason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </article>
  );
}

/** The extracted text in numbered parts (1、2、…), the first shown and the rest behind 展开全文. */
function FullText({ parts }: { parts: string[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = open ? parts : parts.slice(0, 1);
  return (
    <section style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('library.fullText')}</Typography.Title>
      {shown.map((p, i) => (
        <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }} ellipsis={open ? false : { rows: 4 }}>{`${i + 1}、${p}`}</Typography.Paragraph>
      ))}
      {(parts.length > 1 || !open) && (
        <Button type="link" onClick={() => setOpen(!open)} style={{ padding: 0 }}>{open ? t('library.collapse') : t('library.expand')}</Button>
      )}
    </section>
  );
}
