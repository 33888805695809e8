import { conflict, forbidden, say, type Localized, type Message } from './errors.ts';
import type { Actor } from './policies.ts';

/**
 * A workflow declared as data. `who` lists roles (admin, staff, …) or relations the caller
 * supplies per object (e.g. "proposer", "leadUnit"); the guard may refuse with a reason.
 */
export interface Transition<S extends string, C> {
  from: S | readonly S[];
  action: string;
  to: S | ((c: C) => S);
  who: readonly string[];
  label: string;
  labelEn?: string;
  guard?: (c: C) => true | Message;
}

/** How refusals name the object and its states (else by their ids). */
export interface WorkflowWords<S extends string> { noun: Localized; states: Record<S, Localized> }

export interface WorkflowSubject<S extends string, C> { state: S; actor: Actor; relations?: string[]; ctx: C }

/** Each workflow's noun and action labels, by its name (the audit log's entity): core/audit/names.ts. */
const named = new Map<string, { noun?: Localized; actions: Map<string, Localized> }>();
export const workflowNames = (name: string) => named.get(name);

export function defineWorkflow<S extends string, C = undefined>(name: string, states: readonly S[], transitions: Transition<S, C>[], words?: WorkflowWords<S>) {
  const fromList = (t: Transition<S, C>) => (typeof t.from === 'string' ? [t.from] : t.from) as readonly S[];
  for (const t of transitions) {
    for (const f of fromList(t)) if (!states.includes(f)) throw new Error(`${name}: unknown state ${f}`);
    if (typeof t.to === 'string' && !states.includes(t.to)) throw new Error(`${name}: unknown state ${t.to}`);
  }
  named.set(name, { noun: words?.noun, actions: new Map(transitions.map((t) => [t.action, say(t.label, t.labelEn ?? t.action)])) });
  const identities = (s: WorkflowSubject<S, C>) => [...s.actor.roles, ...(s.relations ?? [])];
  const permits = (t: Transition<S, C>, s: WorkflowSubject<S, C>) => t.who.some((w) => identities(s).includes(w));
  const noun = words?.noun ?? say(name, name);
  const notYours = (t: Transition<S, C>) =>
    forbidden(say(`您无权对此${noun.zh}执行“${t.label}”`, `“${t.labelEn ?? t.action}” is not yours to do on this ${noun.en}`));
  const notNow = (t: Transition<S, C>, state: S) => {
    const named = words?.states[state] ?? say(state, state);
    return conflict(say(`此${noun.zh}当前为“${named.zh}”，不能${t.label}`, `This ${noun.en} is “${named.en}”: “${t.labelEn ?? t.action}” is not possible now`));
  };

  return {
    name,
    states,
    transitions,
    actionNames: [...new Set(transitions.map((t) => t.action))],
    /**
     * The actions this actor may take now: what the UI draws as buttons. One entry per action even
     * when several of its transitions fit, labelled as the one resolve() takes (the first).
     */
    allowed(s: WorkflowSubject<S, C>) {
      const fit = transitions
        .filter((t) => fromList(t).includes(s.state) && permits(t, s) && (!t.guard || t.guard(s.ctx) === true));
      return fit
        .filter((t, i) => fit.findIndex((u) => u.action === t.action) === i)
        .map((t) => ({ action: t.action, label: t.label, labelEn: t.labelEn ?? t.action }));
    },
    /**
     * The target state, or 403 (not this actor) or 409 (not from this state / guard refused). Who
     * comes first: a caller with no part in the action hears "not yours", whatever the state.
     */
    resolve(s: WorkflowSubject<S, C>, action: string): S {
      const ofAction = transitions.filter((t) => t.action === action);
      if (!ofAction.length) throw conflict(say(`不能执行“${action}”`, `There is no action “${action}”`));
      if (!ofAction.some((t) => permits(t, s))) throw notYours(ofAction[0]!);
      const candidates = ofAction.filter((t) => fromList(t).includes(s.state));
      if (!candidates.length) throw notNow(ofAction[0]!, s.state);
      const mine = candidates.filter((t) => permits(t, s));
      if (!mine.length) throw notYours(candidates[0]!);
      let refusal: Message = '';
      for (const t of mine) {
        const ok = t.guard ? t.guard(s.ctx) : true;
        if (ok === true) return typeof t.to === 'function' ? t.to(s.ctx) : t.to;
        refusal = ok;
      }
      throw conflict(refusal);
    },
  };
}

export type Workflow<S extends string, C> = ReturnType<typeof defineWorkflow<S, C>>;
