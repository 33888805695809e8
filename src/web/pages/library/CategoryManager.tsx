// 文库's categories, kept by the office: add one, or list them in tree order to rename, move or
// delete each (the server refuses to delete one that still holds documents or sub-categories, and
// says how many).
import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api';
import { useI18n } from '../../i18n';
import { categoryTree, optionsOf, type Category, type CategoryEntry } from './libraryApi';

/** Adds a category, or renames and moves `category` (never under itself or its own sub-categories). */
export function CategoryModal({ categories, category, onClose }: { categories: Category[]; category?: Category; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { name: string; parentId?: string }) => (category
      ? api.patch(`/api/v1/documents/categories/${category.id}`, { name: v.name, parentId: v.parentId ?? null })
      : api.post('/api/v1/documents/categories', v)),
    onSuccess: (_, v) => {
      message.success(t(category ? 'library.categorySaved' : 'library.categoryCreated', { name: v.name.trim() }));
      void qc.invalidateQueries({ queryKey: ['library'] });
      onClose();
    },
    onError: (err) => message.error(errorText(err)),
  });
  const tree = categoryTree(categories);
  const parents = category ? tree.filter((e) => !within(tree, category.id, e)) : tree;
  return (
    <Modal open title={t(category ? 'library.editCategory' : 'library.newCategory')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }}>
      <Form form={form} layout="vertical" initialValues={category && { name: category.name, parentId: category.parentId ?? undefined }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('library.categoryName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('library.categoryName') }) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="parentId" label={t('library.parentCategory')}><Select allowClear placeholder={t('library.topCategory')} options={optionsOf(parents)} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Whether `entry` is the category `id` or one below it (in tree order those follow it, deeper). */
function within(tree: CategoryEntry[], id: string, entry: CategoryEntry): boolean {
  const at = tree.findIndex((e) => e.category.id === id);
  const i = tree.indexOf(entry);
  return i >= at && tree.slice(at + 1, i + 1).every((e) => e.depth > tree[at]!.depth);
}

/** 管理分类: every category in tree order, each to edit or delete. */
export function CategoriesModal({ categories, onClose }: { categories: Category[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Category | null>(null);
  const remove = useMutation({
    mutationFn: (c: Category) => api.del(`/api/v1/documents/categories/${c.id}`),
    onSuccess: (_, c) => { message.success(t('library.categoryDeleted', { name: c.name })); void qc.invalidateQueries({ queryKey: ['library'] }); },
    onError: (err) => message.error(errorText(err)),
  });
  const tree = categoryTree(categories);
  return (
    <Modal open title={t('library.manageCategories')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      {tree.length === 0 && <Empty description={t('library.noCategories')} />}
      <ul aria-label={t('library.manageCategories')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {tree.map(({ category: c, depth }) => (
          <li key={c.id} aria-label={c.name} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
            <Flex wrap align="center" justify="space-between" gap={8} style={{ paddingLeft: depth * 16 }}>
              <Typography.Text style={{ wordBreak: 'break-word', minWidth: 0 }}>{c.name}</Typography.Text>
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button>
                <Popconfirm title={t('library.confirmDeleteCategory', { name: c.name })} okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(c).catch(() => undefined)}>
                  <Button size="small" danger>{t('library.delete')}</Button>
                </Popconfirm>
              </Flex>
            </Flex>
          </li>
        ))}
      </ul>
      {editing && <CategoryModal categories={categories} category={editing} onClose={() => setEditing(null)} />}
    </Modal>
  );
}
