// The action buttons of a report, drawn only from GET /opinions/:id/actions (what the server says
// this user may do now). Actions with a body open their form in a dialog; irreversible ones ask first.
import { useState } from 'react';
import { App, Button, Skeleton, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { confirmText, doneText } from '../actionText';
import { FormModal } from '../FormModal';
import { useOpinionNumber } from './numberText';
import { problemText } from '../formErrors';
import { OPINION_ACTION_FORMS } from './actionForms';
import type { Opinion, OpinionAction } from './model';
import { useOpinionAction, useOpinionActions } from './queries';

const DANGER = new Set(['return', 'reject', 'withdraw']);

/** The server's Chinese label; in English our own, keyed by the action's name. */
function useLabel() {
  const { t, lang } = useI18n();
  return (a: OpinionAction) => {
    const key = `opinion.action.${a.action}` as MessageKey;
    return lang === 'zh' || t(key) === key ? a.label : t(key);
  };
}

/** The toast after an action, made from the report it returned: 已编发，期号 社情民意〔2026〕第15期. */
function useDoneText() {
  const { t } = useI18n();
  const numberOf = useOpinionNumber();
  return (action: string, label: string, o: Opinion) => doneText(t, 'opinion', action, label, { number: numberOf(o) ?? '' });
}

function ActionDialog({ opinion, action, label, onClose }: { opinion: Opinion; action: string; label: string; onClose: () => void }) {
  const { t } = useI18n();
  const run = useOpinionAction(opinion.id);
  const doneOf = useDoneText();
  const def = OPINION_ACTION_FORMS[action]!;
  return (
    <FormModal<Record<string, unknown>, Opinion>
      title={label}
      open
      onClose={onClose}
      submit={(values) => run.mutateAsync({ action, body: def.toBody(values, opinion) })}
      submitting={run.isPending}
      done={(o) => doneOf(action, label, o)}
      confirm={confirmText(t, 'opinion', action)}
      name={`opinion-${action}`}
      width={action === 'approve' ? 760 : 560}
      initialValues={def.initialValues?.(opinion)}
    >
      <def.Fields opinion={opinion} />
    </FormModal>
  );
}

export function OpinionActions({ opinion, showEmpty }: { opinion: Opinion; showEmpty?: boolean }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const actions = useOpinionActions(opinion.id);
  const doneOf = useDoneText();
  const run = useOpinionAction(opinion.id);
  const labelOf = useLabel();
  const [open, setOpen] = useState<OpinionAction | null>(null);

  if (actions.isPending) return <Skeleton.Button active />;
  if (actions.isError) return <Typography.Text type="danger">{problemText(actions.error)}</Typography.Text>;
  if (!actions.data.length) return showEmpty ? <Typography.Text type="secondary">{t('opinion.noActions')}</Typography.Text> : null;

  const main = actions.data.find((a) => !DANGER.has(a.action));
  const runNow = (a: OpinionAction) =>
    run.mutateAsync({ action: a.action }).then(
      (o) => void message.success(doneOf(a.action, labelOf(a), o)),
      (err: unknown) => void message.error(problemText(err)),
    );

  return (
    <>
      {actions.data.map((a) => {
        const props = { type: a === main ? ('primary' as const) : ('default' as const), danger: DANGER.has(a.action), loading: run.isPending && run.variables?.action === a.action };
        if (OPINION_ACTION_FORMS[a.action]) return <Button key={a.action} {...props} onClick={() => setOpen(a)}>{labelOf(a)}</Button>;
        const question = confirmText(t, 'opinion', a.action);
        const onClick = question
          ? () => modal.confirm({ title: question, okText: labelOf(a), cancelText: t('common.cancel'), onOk: () => void runNow(a) })
          : () => void runNow(a);
        return <Button key={a.action} {...props} onClick={onClick}>{labelOf(a)}</Button>;
      })}
      {open && <ActionDialog opinion={opinion} action={open.action} label={labelOf(open)} onClose={() => setOpen(null)} />}
    </>
  );
}
