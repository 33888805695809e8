// The buttons the server offers on a topic (GET …/topics/:id/actions): support or withdraw it, and for
// the office and the chair meeting shortlist, merge, decline with an answer, or pick it.
import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { LikeFilled, LikeOutlined } from '@ant-design/icons';
import { errorText } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { FormModal } from './FormModal';
import { KINDS } from './model';
import type { Kind, Topic } from './model';
import { useConsultationWrite, usePlan, useTopicActions, useTopics, writes } from './queries';

interface PickForm { as: 'consultation' | 'planItem'; kind: Kind; month?: number }
type Dialog = 'pick' | 'decline' | 'merge' | null;

/** Other topics of the year it may be merged into. */
function MergeTarget({ topic }: { topic: Topic }) {
  const { t } = useI18n();
  const open = useTopics({ year: topic.year, pageSize: 200 });
  const options = (open.data?.items ?? []).filter((x) => x.id !== topic.id && ['proposed', 'shortlisted', 'picked'].includes(x.state)).map((x) => ({ value: x.id, label: x.title }));
  return (
    <Form.Item name="intoId" label={t('topic.mergeInto')} rules={[{ required: true, message: t('common.required', { field: t('topic.mergeInto') }) }]}>
      <Select showSearch optionFilterProp="label" loading={open.isPending} options={options} />
    </Form.Item>
  );
}

export function TopicActions({ topic, block }: { topic: Topic; block?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const actions = useTopicActions(topic.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const act = useConsultationWrite((action: string) => writes.topicAct(topic.id, action));
  const label = (action: string) => t(`topic.action.${action}` as MessageKey);
  const run = (action: string) => act.mutate(action, {
    onSuccess: () => message.success(t('topic.actionDone', { action: label(action) })),
    onError: (e) => message.error(errorText(e)),
  });
  // A plan adopted takes no more items: picking into it is offered only while it is open.
  const plan = usePlan(topic.year, dialog === 'pick');
  const planShut = !!plan.data?.adopted;
  const close = () => setDialog(null);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const list = actions.data ?? [];
  if (!list.length) return null;
  return (
    <>
      <Flex gap={8} wrap>
        {list.map(({ action }) => {
          const busy = act.isPending && act.variables === action;
          if (action === 'support') return <Button key={action} type="primary" ghost icon={<LikeOutlined />} loading={busy} block={block} onClick={() => run(action)}>{label(action)}</Button>;
          if (action === 'unsupport') return <Button key={action} icon={<LikeFilled />} loading={busy} block={block} onClick={() => run(action)}>{label(action)}</Button>;
          if (action === 'shortlist') return <Button key={action} loading={busy} block={block} onClick={() => run(action)}>{label(action)}</Button>;
          return <Button key={action} type={action === 'pick' ? 'primary' : 'default'} danger={action === 'decline'} block={block} onClick={() => setDialog(action as Dialog)}>{label(action)}</Button>;
        })}
      </Flex>
      <FormModal<PickForm> title={t('topic.pickTitle')} open={dialog === 'pick'} onClose={close} done={t('topic.actionDone', { action: label('pick') })}
        initialValues={{ as: 'consultation', kind: topic.suggestedKind ?? 'bimonthly' }}
        intro={t('topic.pickIntro', { title: topic.title, year: topic.year })}
        submit={(v) => writes.topicAct(topic.id, 'pick', v.as === 'planItem' ? v : { as: v.as, kind: v.kind })}>
        <Form.Item name="as" label={t('topic.pickAs')} rules={required(t('topic.pickAs'))}
          extra={planShut ? t('topic.pickAs.planAdopted', { year: topic.year }) : undefined}>
          <Radio.Group options={[{ value: 'consultation', label: t('topic.pickAs.consultation') }, { value: 'planItem', label: t('topic.pickAs.planItem'), disabled: planShut }]} />
        </Form.Item>
        <Form.Item name="kind" label={t('consultation.kind')} rules={required(t('consultation.kind'))}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`consultation.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: PickForm, b: PickForm) => a.as !== b.as}>
          {({ getFieldValue }) => getFieldValue('as') === 'planItem' && (
            <Form.Item name="month" label={t('consultation.plan.month')} rules={required(t('consultation.plan.month'))}>
              <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form.Item>
      </FormModal>
      <FormModal<{ answer: string }> title={t('topic.declineTitle')} open={dialog === 'decline'} onClose={close} done={t('topic.actionDone', { action: label('decline') })}
        intro={t('topic.answerHint')} submit={(v) => writes.topicAct(topic.id, 'decline', v)}>
        <Form.Item name="answer" label={t('topic.answer')} rules={required(t('topic.answer'))}><Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 8 }} /></Form.Item>
      </FormModal>
      <FormModal<{ intoId: string; answer?: string }> title={t('topic.mergeTitle')} open={dialog === 'merge'} onClose={close} done={t('topic.actionDone', { action: label('merge') })}
        intro={t('topic.answerHint')} submit={(v) => writes.topicAct(topic.id, 'merge', { intoId: v.intoId, ...(v.answer?.trim() ? { answer: v.answer } : {}) })}>
        {dialog === 'merge' && <MergeTarget topic={topic} />}
        <Form.Item name="answer" label={t('topic.mergeAnswer')}><Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} /></Form.Item>
      </FormModal>
    </>
  );
}
