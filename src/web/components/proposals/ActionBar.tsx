// The action buttons of a proposal, drawn only from GET /proposals/:id/actions (what the server
// says this user may do now). Actions with a body open their form; the rest run on click, the
// irreversible ones (立案, 撤回, 公开) once the user has confirmed.
import { useState } from 'react';
import { App, Button, Skeleton, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { confirmText } from '../actionText';
import { problemText } from '../formErrors';
import { useDoneText } from './actionDone';
import { ACTION_FORMS } from './actionForms';
import { ActionModal } from './ActionModal';
import type { ProposalAction } from './model';
import { useProposalAction, useProposalActions } from './queries';

const DANGER = new Set(['reject', 'withdraw', 'return', 'refuseExtension', 'declineCosign']);
/** Along the way, not the step itself: a unit logs its contacts or asks for time, but its job is the reply (or opinion). */
const ASIDE = new Set(['logContact', 'requestExtension']);

/** The server's Chinese label; in English our own, keyed by the action's name. */
export function useActionLabel() {
  const { t, lang } = useI18n();
  return (a: ProposalAction) => {
    if (lang === 'zh') return a.label;
    const key = `proposal.action.${a.action}` as MessageKey;
    const translated = t(key);
    return translated === key ? a.label : translated;
  };
}

interface Props {
  proposalId: string;
  /** The item's base path (default /proposals): the same bar serves every item of the handling engine. */
  base?: string;
  /** Called after any action succeeded (e.g. to close a drawer), with the action's name. */
  onDone?: (action: string) => void;
  /** Show "nothing to do" when the list is empty. */
  showEmpty?: boolean;
}

export function ActionBar({ proposalId, base, onDone, showEmpty }: Props) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const actions = useProposalActions(proposalId, true, base);
  const doneOf = useDoneText();
  const run = useProposalAction(proposalId, base);
  const labelOf = useActionLabel();
  const [open, setOpen] = useState<ProposalAction | null>(null);
  const [mounted, setMounted] = useState<ProposalAction | null>(null);

  if (actions.isPending) return <Skeleton.Button active aria-label={t('proposal.actionsLoading')} />;
  if (actions.isError) return <Typography.Text type="danger">{problemText(actions.error)}</Typography.Text>;
  if (!actions.data.length) return showEmpty ? <Typography.Text type="secondary">{t('proposal.noActions')}</Typography.Text> : null;

  // The first action that moves the proposal forward is the prominent one.
  const main = actions.data.find((a) => !DANGER.has(a.action) && !ASIDE.has(a.action)) ?? actions.data.find((a) => !DANGER.has(a.action));
  const runNow = (a: ProposalAction) =>
    run.mutateAsync({ action: a.action }).then(
      (p) => {
        message.success(doneOf(a.action, labelOf(a), p));
        onDone?.(a.action);
      },
      (err: unknown) => {
        message.error(problemText(err));
      },
    );

  return (
    <>
      {actions.data.map((a) => {
        const label = labelOf(a);
        const props = {
          type: a === main ? ('primary' as const) : ('default' as const),
          danger: DANGER.has(a.action),
          loading: run.isPending && run.variables?.action === a.action,
        };
        if (ACTION_FORMS[a.action]) {
          return (
            <Button
              key={a.action}
              {...props}
              onClick={() => {
                setMounted(a);
                setOpen(a);
              }}
            >
              {label}
            </Button>
          );
        }
        const question = confirmText(t, 'proposal', a.action);
        const onClick = question
          ? () => modal.confirm({ title: question, okText: label, cancelText: t('common.cancel'), onOk: () => void runNow(a) })
          : () => void runNow(a);
        return (
          <Button key={a.action} {...props} onClick={onClick}>
            {label}
          </Button>
        );
      })}
      {mounted && (
        <ActionModal
          proposalId={proposalId}
          base={base}
          action={mounted.action}
          label={labelOf(mounted)}
          open={!!open}
          onClose={() => setOpen(null)}
          afterClose={() => setMounted(null)}
          onDone={() => onDone?.(mounted.action)}
        />
      )}
    </>
  );
}
