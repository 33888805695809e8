// Parts of a document's page beside its reading: where it is used (关联事项: the proposals,
// consultations' 八个一 items and members' records it is linked to, as far as the reader may read
// them; the office links and unlinks here), and 猜你喜欢.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Form, List, Modal, Select, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { MemberSelect } from '../../components/MemberSelect';
import { TASK_KEYS } from '../../components/consultations/model';
import { LINK_KINDS, type AlsoItem, type LinkKind, type LinkTarget } from './libraryApi';

const partLabel = (t: (k: MessageKey) => string, part: string) => (part ? t(`consultation.task.${part}` as MessageKey) : '');

export function DocumentUsage({ id, share, office }: { id: string; share?: string; office: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [linking, setLinking] = useState(false);
  const links = useQuery({ queryKey: ['library', 'links', id, share], queryFn: () => api.get<{ items: LinkTarget[] }>(`/api/v1/documents/${id}/links`, { share }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['library'] });
  const unlink = useMutation({
    mutationFn: (l: LinkTarget) => api.del(`/api/v1/documents/${id}/links/${l.targetId}?kind=${l.kind}${l.part ? `&part=${l.part}` : ''}`),
    onSuccess: () => { message.success(t('library.unlinked')); void refresh(); }, onError: (err) => message.error(errorText(err)),
  });
  const items = links.data?.items ?? [];
  if (!items.length && !office) return null;
  return (
    <section style={{ marginTop: 24 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('library.usedIn')}</Typography.Title>
        {office && <Button icon={<LinkOutlined />} onClick={() => setLinking(true)}>{t('library.link')}</Button>}
      </Flex>
      <List size="small" dataSource={items} locale={{ emptyText: ' ' }}
        renderItem={(l) => (
          <List.Item actions={office ? [<Button key="unlink" size="small" type="link" loading={unlink.isPending} onClick={() => unlink.mutate(l)}>{t('library.unlink')}</Button>] : []}>
            <Flex gap={6} wrap align="center" style={{ minWidth: 0 }}>
              <Tag style={{ marginInlineEnd: 0 }}>{t(`library.linkKind.${l.kind}` as MessageKey)}</Tag>
              <Link to={l.href} style={{ overflowWrap: 'anywhere' }}>{l.title}</Link>
              {l.part && <Typography.Text type="secondary">{partLabel(t, l.part)}</Typography.Text>}
            </Flex>
          </List.Item>
        )} />
      {linking && <LinkModal id={id} onClose={() => setLinking(false)} onDone={() => { setLinking(false); void refresh(); }} />}
    </section>
  );
}

interface LinkForm { kind: LinkKind; targetId: string; part?: string }

/** The office links the document: a kind, then the item (found through the search, or a member), and for a consultation optionally its checklist item. */
function LinkModal({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const kind = Form.useWatch('kind', form) ?? 'proposal';
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['search', 'link', kind, q], enabled: kind !== 'member' && q.trim().length > 0,
    queryFn: () => api.get<{ items: { id: string; title: string }[] }>('/api/v1/search', { q: q.trim(), kind, pageSize: 10 }),
  });
  const save = useMutation({
    mutationFn: (v: LinkForm) => api.post(`/api/v1/documents/${id}/links`, { kind: v.kind, targetId: v.targetId, ...(v.kind === 'consultation' && v.part ? { part: v.part } : {}) }),
    onSuccess: () => { message.success(t('library.linked')); onDone(); }, onError: (err) => message.error(errorText(err)),
  });
  return (
    <Modal open title={t('library.link')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'proposal' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('library.linkKind')} rules={[{ required: true }]}>
          <Select options={LINK_KINDS.map((k) => ({ value: k, label: t(`library.linkKind.${k}` as MessageKey) }))} onChange={() => form.setFieldsValue({ targetId: undefined, part: undefined })} />
        </Form.Item>
        <Form.Item name="targetId" label={t('library.linkTarget')} rules={[{ required: true }]}>
          {kind === 'member' ? <MemberSelect /> : (
            <Select showSearch={{ filterOption: false, onSearch: setQ }} placeholder={t('library.linkTargetSearch')} loading={found.isFetching}
              options={(found.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))} notFoundContent={null} />
          )}
        </Form.Item>
        {kind === 'consultation' && (
          <Form.Item name="part" label={t('library.linkPart')}>
            <Select allowClear options={TASK_KEYS.map((k) => ({ value: k, label: t(`consultation.task.${k}` as MessageKey) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 猜你喜欢: other documents, each with why it is offered. */
export function AlsoLike({ id, share }: { id: string; share?: string }) {
  const { t } = useI18n();
  const also = useQuery({ queryKey: ['library', 'also', id, share], queryFn: () => api.get<{ items: AlsoItem[] }>(`/api/v1/documents/${id}/also`, { share }) });
  if (!also.data?.items.length) return null;
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="library-also">
      <Typography.Title level={4} id="library-also">{t('library.also')}</Typography.Title>
      <List size="small" dataSource={also.data.items}
        renderItem={(d) => (
          <List.Item>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Link to={`/library/${d.id}`} style={{ overflowWrap: 'anywhere' }}>{d.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.format.toUpperCase()} · {t(`library.alsoReason.${d.reason}` as MessageKey)}</Typography.Text>
            </Flex>
          </List.Item>
        )} />
    </section>
  );
}
