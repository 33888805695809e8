import { conflict, forbidden } from './errors.ts';
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
  guard?: (c: C) => true | string;
}

export interface WorkflowSubject<S extends string, C> { state: S; actor: Actor; relations?: string[]; ctx: C }

export function defineWorkflow<S extends string, C = undefined>(name: string, states: readonly S[], transitions: Transition<S, C>[]) {
  const fromList = (t: Transition<S, C>) => (typeof t.from === 'string' ? [t.from] : t.from) as readonly S[];
  for (const t of transitions) {
    for (const f of fromList(t)) if (!states.includes(f)) throw new Error(`${name}: unknown state ${f}`);
    if (typeof t.to === 'string' && !states.includes(t.to)) throw new Error(`${name}: unknown state ${t.to}`);
  }
  const identities = (s: WorkflowSubject<S, C>) => [...s.actor.roles, ...(s.relations ?? [])];
  const permits = (t: Transition<S, C>, s: WorkflowSubject<S, C>) => t.who.some((w) => identities(s).includes(w));

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
      if (ofAction.length && !ofAction.some((t) => permits(t, s))) throw forbidden(`You may not ${action} this ${name}`);
      const candidates = ofAction.filter((t) => fromList(t).includes(s.state));
      if (!candidates.length) throw conflict(`Action ${action} is not allowed in state ${s.state}`);
      const mine = candidates.filter((t) => permits(t, s));
      if (!mine.length) throw forbidden(`You may not ${action} this ${name}`);
      let refusal = '';
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
