// A document's title, access and category: the fields of the upload form, and the office's form
// that changes them afterwards.
import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api';
import { useI18n } from '../../i18n';
import { ACCESS, categoryOptions, type Category, type CategoryOption, type DocAccess, type DocDetail } from './libraryApi';

/** The fields; on upload the title may be left empty (the file's name is taken). */
export function DocumentFields({ categories, upload = false }: { categories: CategoryOption[]; upload?: boolean }) {
  const { t } = useI18n();
  const title = t('library.docTitle');
  return (
    <>
      <Form.Item name="title" label={title} extra={upload ? t('library.docTitleHint') : undefined}
        rules={[{ max: 200 }, ...(upload ? [] : [{ required: true, whitespace: true, message: t('common.required', { field: title }) }])]}>
        <Input />
      </Form.Item>
      <Form.Item name="access" label={t('library.access')}>
        <Select options={ACCESS.map((a) => ({ value: a, label: t(`library.access.${a}`) }))} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('library.category')}><Select allowClear options={categories} /></Form.Item>
    </>
  );
}

/** The office changes a document's title, access or category. */
export function EditDocumentModal({ doc, onClose }: { doc: DocDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const cats = useQuery({ queryKey: ['library', 'categories', undefined], queryFn: () => api.get<{ items: Category[] }>('/api/v1/documents/categories') });
  const save = useMutation({
    mutationFn: (v: { title: string; access: DocAccess; categoryId?: string }) =>
      api.patch<DocDetail>(`/api/v1/documents/${doc.id}`, { title: v.title, access: v.access, categoryId: v.categoryId ?? null }),
    onSuccess: () => { message.success(t('common.saved')); void qc.invalidateQueries({ queryKey: ['library'] }); onClose(); },
    onError: (err) => message.error(errorText(err)),
  });
  return (
    <Modal open title={t('library.editDocument')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ title: doc.title, access: doc.access, categoryId: doc.categoryId ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <DocumentFields categories={categoryOptions(cats.data?.items ?? [])} />
      </Form>
    </Modal>
  );
}
