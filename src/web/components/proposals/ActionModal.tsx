// The dialog of one workflow action that takes a body: its fields, then POST …/actions/<action>.
import { useI18n } from '../../i18n';
import { confirmText } from '../actionText';
import { FormModal } from '../FormModal';
import { useDoneText } from './actionDone';
import { ACTION_FORMS } from './actionForms';
import type { Proposal } from './model';
import { useProposalAction } from './queries';

interface Props {
  proposalId: string;
  base?: string;
  action: string;
  label: string;
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  onDone?: () => void;
}

export function ActionModal({ proposalId, base, action, label, open, onClose, afterClose, onDone }: Props) {
  const { t } = useI18n();
  const run = useProposalAction(proposalId, base);
  const doneOf = useDoneText();
  const def = ACTION_FORMS[action];
  if (!def) return null;
  const { Fields } = def;

  return (
    <FormModal<Record<string, unknown>, Proposal>
      title={label}
      open={open}
      onClose={onClose}
      afterClose={afterClose}
      submit={(values) => run.mutateAsync({ action, body: def.toBody(values) })}
      submitting={run.isPending}
      done={(p) => doneOf(action, label, p)}
      confirm={confirmText(t, 'proposal', action)}
      onDone={onDone}
      name={`action-${action}`}
      width={action === 'reply' ? 720 : 560}
      initialValues={def.initialValues?.()}
    >
      <Fields proposalId={proposalId} base={base} />
    </FormModal>
  );
}
