// What the pages say around a workflow action: the question before an irreversible one
// (`<scope>.confirm.<action>`) and what happened after it (`<scope>.done.<action>`).
import type { MessageKey, Translate } from '../i18n';

type Scope = 'proposal' | 'opinion';

function own(t: Translate, key: string, vars?: Record<string, string | number>): string | undefined {
  const text = t(key as MessageKey, vars);
  return text === key ? undefined : text;
}

/** The question to ask before this action, or undefined when it needs none. */
export const confirmText = (t: Translate, scope: Scope, action: string) => own(t, `${scope}.confirm.${action}`);

/** The toast after this action: its own sentence (with the result's number), or "<label>: done". */
export const doneText = (t: Translate, scope: Scope, action: string, label: string, vars: Record<string, string | number> = {}) =>
  own(t, `${scope}.done.${action}`, vars) ?? t(`${scope}.actionDone`, { action: label });
