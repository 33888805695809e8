// 文库's categories, kept by the office: add one, or list them in tree order, each with how many
// documents and sub-categories it holds, to rename, move, re-order (上移/下移 among its siblings, or
// its 排序 number) or delete each (only an empty one: the server refuses another, saying how many).
import { useState } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorText } from '../../api';
import { useI18n } from '../../i18n';
import { categoryTree, optionsOf, type Category, type CategoryEntry } from './libraryApi';

/** Adds a category, or renames, moves and re-sorts `category` (never under itself or its own sub-categories). */
export function CategoryModal({ categories, category, onClose }: { categories: Category[]; category?: Category; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { name: string; parentId?: string; sort?: number | null }) => (category
      ? api.patch(`/api/v1/documents/categories/${category.id}`, { name: v.name, parentId: v.parentId ?? null, sort: v.sort ?? 0 })
      : api.post('/api/v1/documents/categories', { name: v.name, parentId: v.parentId, sort: v.sort ?? undefined })),
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
      <Form form={form} layout="vertical" initialValues={category && { name: category.name, parentId: category.parentId ?? undefined, sort: category.sort }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('library.categoryName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('library.categoryName') }) }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="parentId" label={t('library.parentCategory')}><Select allowClear placeholder={t('library.topCategory')} options={optionsOf(parents)} /></Form.Item>
        <Form.Item name="sort" label={t('library.categorySort')} extra={t('library.categorySortHint')}><InputNumber min={0} max={10000} precision={0} placeholder="0" style={{ width: '100%' }} /></Form.Item>
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

/**
 * The `sort` numbers that put `id` one place up (-1) or down (+1) among its siblings: the siblings
 * renumbered 10, 20, 30… in their new order, only those whose number changes (equal numbers, as new
 * categories have, are ordered by name, so the first move numbers them all).
 */
export function reordered(categories: Category[], id: string, step: -1 | 1): { id: string; sort: number }[] {
  const tree = categoryTree(categories);
  const parentId = tree.find((e) => e.category.id === id)?.category.parentId ?? null;
  const siblings = tree.filter((e) => e.category.parentId === parentId).map((e) => e.category);
  const i = siblings.findIndex((c) => c.id === id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= siblings.length) return [];
  [siblings[i], siblings[j]] = [siblings[j]!, siblings[i]!];
  return siblings.map((c, k) => ({ id: c.id, sort: Math.min((k + 1) * 10, 10000), was: c.sort })).filter((c) => c.sort !== c.was).map(({ id: cid, sort }) => ({ id: cid, sort }));
}

/** 管理分类: every category in tree order with what it holds, each to edit, move up or down, or delete (when empty). */
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
  const move = useMutation({
    mutationFn: async ({ c, step }: { c: Category; step: -1 | 1 }) => {
      for (const m of reordered(categories, c.id, step)) await api.patch(`/api/v1/documents/categories/${m.id}`, { sort: m.sort });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['library'] }),
    onError: (err) => message.error(errorText(err)),
  });
  const tree = categoryTree(categories);
  const siblingsOf = (c: Category) => tree.filter((e) => e.category.parentId === c.parentId);
  return (
    <Modal open title={t('library.manageCategories')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      {tree.length === 0 && <Empty description={t('library.noCategories')} />}
      <ul aria-label={t('library.manageCategories')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {tree.map(({ category: c, depth }) => {
          const siblings = siblingsOf(c);
          const empty = !c.documentCount && !c.subcategoryCount;
          return (
            <li key={c.id} aria-label={c.name} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
              <Flex wrap align="center" justify="space-between" gap={8} style={{ paddingLeft: depth * 16 }}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text style={{ wordBreak: 'break-word' }}>{c.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('library.categoryHolds', { documents: c.documentCount, subcategories: c.subcategoryCount })}</Typography.Text>
                </Flex>
                <Flex gap={4} align="center">
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('library.moveUp')} title={t('library.moveUp')}
                    disabled={siblings[0]?.category.id === c.id || move.isPending} onClick={() => move.mutate({ c, step: -1 })} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('library.moveDown')} title={t('library.moveDown')}
                    disabled={siblings.at(-1)?.category.id === c.id || move.isPending} onClick={() => move.mutate({ c, step: 1 })} />
                  <Button size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button>
                  {empty
                    ? (
                      <Popconfirm title={t('library.confirmDeleteCategory', { name: c.name })} okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(c).catch(() => undefined)}>
                        <Button size="small" danger>{t('library.delete')}</Button>
                      </Popconfirm>
                    )
                    : (
                      <Tooltip title={t('library.categoryNotEmpty')}>
                        <Button size="small" danger disabled>{t('library.delete')}</Button>
                      </Tooltip>
                    )}
                </Flex>
              </Flex>
            </li>
          );
        })}
      </ul>
      {editing && <CategoryModal categories={categories} category={editing} onClose={() => setEditing(null)} />}
    </Modal>
  );
}
