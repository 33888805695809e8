import { definePolicies, hasRole, type Actor } from '../../core/policies.ts';

definePolicies({
  'org.read': ['admin', 'staff', 'leader', 'member', 'unit'],
  'org.manage': ['admin', 'staff'],
  'org.configure': ['admin'],
  'user.manage': ['admin'],
  'member.import': ['admin', 'staff'],
  // Phone and e-mail: the office, and the member themself.
  'member.readPrivate': (actor: Actor, member?: unknown) =>
    hasRole(actor, 'admin', 'staff') || (!!actor.memberId && actor.memberId === (member as { id?: string } | undefined)?.id),
});
