import { forbidden } from './errors.ts';

/** `public`: a public account (网民), registered by itself: it comments and votes, and reads what visitors read. */
export const ROLES = ['admin', 'staff', 'leader', 'member', 'unit', 'public'] as const;
export type Role = (typeof ROLES)[number];

/** The logged-in user as the rest of the server sees it. */
export interface Actor {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  roles: Role[];
  memberId: string | null;
  unitId: string | null;
  /** An administrator set the password: nothing but choosing a new one is allowed (app.ts). */
  mustChangePassword?: boolean;
}

/** A rule is the roles that may act, or a predicate over the actor and the resource. */
export type Rule = readonly Role[] | ((actor: Actor, resource?: unknown) => boolean);

const rules = new Map<string, Rule>();

/** Each module declares its policies once, at import time. */
export function definePolicies(defs: Record<string, Rule>) {
  for (const [name, rule] of Object.entries(defs)) {
    if (rules.has(name)) throw new Error(`policy ${name} declared twice`);
    rules.set(name, rule);
  }
}

/** A public account and nothing more. */
export const isPublicAccount = (actor: Actor) => actor.roles.length > 0 && actor.roles.every((r) => r === 'public');

export const hasRole = (actor: Actor, ...roles: readonly Role[]) => actor.roles.some((r) => roles.includes(r));

/**
 * The member the actor acts as: a member's login, or a leader's linked to a member (chairs and
 * vice-chairs are members: they write proposals and topics of their own); else null.
 */
export const memberOf = (actor: Actor): string | null => (actor.memberId && hasRole(actor, 'member', 'leader') ? actor.memberId : null);

/** What a policy is checked against: a row, whose `orgId` must be the actor's committee when it has one. */
export type Resource = { orgId?: string; [field: string]: unknown };

/** Whether the actor may perform `action`; resources of another committee are never allowed. */
export function can(actor: Actor | null, action: string, resource?: Resource): boolean {
  if (!actor) return false;
  const rule = rules.get(action);
  if (!rule) throw new Error(`unknown policy ${action}`);
  if (resource?.orgId && resource.orgId !== actor.orgId) return false;
  return typeof rule === 'function' ? rule(actor, resource) : hasRole(actor, ...rule);
}

export function authorize(actor: Actor | null, action: string, resource?: Resource): asserts actor is Actor {
  if (!can(actor, action, resource)) throw forbidden();
}
