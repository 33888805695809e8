// The 八个一 checklist of a consultation: each item's owner, due date and state, late ones flagged;
// staff edit an item, leave it out, or add one the kind did not start with; each item's deliverable
// is an uploaded document or a library document linked to it (文库), and only an item with one can be done.
import { useState } from 'react';
import { Button, Card, Flex, Form, Input, List, Select, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import { meetingWrites } from './meeting';
import { Files } from './MeetingTab';
import { UploadButton } from './UploadButton';
import { TASK_KEYS } from './model';
import type { Task, TaskKey, TaskState } from './model';
import { useConsultationWrite, writes } from './queries';
import { DocumentLinks, useLinkedDocuments } from '../library/LinkedDocuments';

const STATE_COLORS: Record<TaskState, string> = { todo: 'default', doing: 'blue', done: 'green' };
interface TaskForm { owner?: string; dueDate?: string; state: TaskState; note?: string }

export function Checklist({ id, tasks, editable }: { id: string; tasks: Task[]; editable: boolean }) {
  const { t, formatDate } = useI18n();
  const [editing, setEditing] = useState<Task | null>(null);
  const write = useConsultationWrite((body: Parameters<typeof writes.task>[1]) => writes.task(id, body));
  const missing = TASK_KEYS.filter((k) => !tasks.some((x) => x.key === k));
  const library = useLinkedDocuments('consultation', id).data?.items ?? [];
  return (
    <Card size="small" title={(
      <Flex gap={8} wrap align="baseline">
        <span>{t('consultation.checklist')}</span>
        {/* A smaller form starts with fewer of the eight (staff may add the others). */}
        {tasks.length < TASK_KEYS.length && <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{t('consultation.checklist.some', { n: tasks.length })}</Typography.Text>}
      </Flex>
    )}
      extra={editable && missing.length > 0 && (
        <Select<TaskKey> size="small" placeholder={t('consultation.task.add')} value={null as unknown as TaskKey} style={{ minWidth: 140 }}
          onChange={(key) => write.mutate({ key, included: true })} options={missing.map((k) => ({ value: k, label: t(`consultation.task.${k}`) }))} />
      )}>
      <List<Task>
        dataSource={tasks}
        renderItem={(task) => (
          <List.Item
            actions={editable ? [
              <Button key="edit" size="small" onClick={() => setEditing(task)}>{t('common.edit')}</Button>,
              <Button key="remove" size="small" type="text" onClick={() => write.mutate({ key: task.key, included: false })}>{t('consultation.task.remove')}</Button>,
            ] : []}
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={6} wrap align="center">
                <Typography.Text strong>{t(`consultation.task.${task.key}`)}</Typography.Text>
                <Tag color={STATE_COLORS[task.state]}>{t(`consultation.task.state.${task.state}`)}</Tag>
                {task.late && <Tag color="red">{t('consultation.task.late')}</Tag>}
              </Flex>
              <Typography.Text type="secondary">
                {t('consultation.task.owner')}{t('common.labelSep')}{task.owner ?? t('common.none')} · {t('consultation.task.dueDate')}{t('common.labelSep')}{task.dueDate ? formatDate(task.dueDate) : t('common.none')}
              </Typography.Text>
              {task.note && <Typography.Text type="secondary">{task.note}</Typography.Text>}
              {library.some((d) => d.part === task.key) && <DocumentLinks docs={library.filter((d) => d.part === task.key)} />}
              <Flex gap={6} wrap align="center">
                {task.deliverable
                  ? <Files consultationId={id} files={[task.deliverable]} />
                  : !library.some((d) => d.part === task.key) && <Typography.Text type="secondary">{t('meeting.deliverable.none')}</Typography.Text>}
                {editable && <UploadButton size="small" label={t(task.deliverable ? 'meeting.deliverable.replace' : 'meeting.deliverable.upload')} done={t('meeting.uploaded')}
                  send={(f) => meetingWrites.deliverable(id, task.key, f)} aria-label={`${t('meeting.deliverable.upload')}${t('common.labelSep')}${t(`consultation.task.${task.key}`)}`} />}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {editing && (
        <FormModal<TaskForm>
          title={`${t('consultation.task.edit')}${t('common.labelSep')}${t(`consultation.task.${editing.key}`)}`} open onClose={() => setEditing(null)} done={t('consultation.task.saved')}
          initialValues={{ owner: editing.owner ?? undefined, dueDate: editing.dueDate ?? undefined, state: editing.state, note: editing.note ?? undefined }}
          submit={(v) => writes.task(id, { key: editing.key, owner: v.owner || null, dueDate: v.dueDate || null, state: v.state, note: v.note || null })}
        >
          <Form.Item name="owner" label={t('consultation.task.owner')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="dueDate" label={t('consultation.task.dueDate')}><Input type="date" /></Form.Item>
          <Form.Item name="state" label={t('consultation.task.stateLabel')}>
            <Select options={(['todo', 'doing', 'done'] as const).map((s) => ({ value: s, label: t(`consultation.task.state.${s}`), disabled: s === 'done' && !editing.deliverable }))} />
          </Form.Item>
          <Form.Item name="note" label={t('consultation.task.note')}><Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} /></Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
