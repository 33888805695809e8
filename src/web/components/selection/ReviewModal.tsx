// 评分: a reviewer of the level under way scores an entry (1–100) with a comment.
import { Form, Input, InputNumber } from 'antd';
import { useI18n } from '../../i18n';
import { FormModal } from './FormModal';
import type { Entry } from './model';
import { writes } from './queries';

export function ReviewModal({ roundId, entry, onClose }: { roundId: string; entry: Entry | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ score: number; comment?: string }>
      title={t('selection.review.of', { title: entry?.title ?? '' })}
      open={!!entry}
      onClose={onClose}
      done={t('selection.review.saved')}
      initialValues={entry?.myReview ? { score: entry.myReview.score, comment: entry.myReview.comment ?? undefined } : undefined}
      submit={({ score, comment }) => writes.review(roundId, entry!.id, { score, ...(comment ? { comment } : {}) })}
    >
      {/* (checked, not clamped: a 150 typed is refused in words rather than saved as 100) */}
      <Form.Item name="score" label={t('selection.review.score')} rules={[{ required: true, message: t('common.required', { field: t('selection.review.score') }) },
        { type: 'integer', min: 1, max: 100, message: t('selection.review.scoreRange') }]}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="comment" label={t('selection.review.comment')}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </FormModal>
  );
}
