// Which roles may use which pages: the route guards, the menu and the home shortcuts read these.
// Apart from navigation.tsx (and its icons) so the routes can use them without loading the menu.
import type { Role, User } from '../types';

/** What a page's access is decided on: the user's roles and link to a member. */
export type Someone = Pick<User, 'roles' | 'memberId'>;
/** Who may use a page: any of these roles, or a rule over the user (a role and a link to a member, say). */
export type Access = Role[] | ((user: Someone) => boolean);

export function allows(access: Access, user: Someone | null): boolean {
  if (!user) return false;
  return typeof access === 'function' ? access(user) : access.some((r) => user.roles.includes(r));
}

/** Any of these roles on a login linked to a member, whom it acts as (the server's memberOf). */
export const asMember = (roles: Role[]): Access => (u) => !!u.memberId && allows(roles, u);

export const ANY_ROLE: Role[] = ['admin', 'staff', 'leader', 'member', 'unit'];
// The server lets every role read the directory (policy org.read).
export const DIRECTORY_ROLES: Role[] = ['admin', 'staff', 'leader', 'member', 'unit'];
export const ROSTER_EDITORS: Role[] = ['admin', 'staff'];
export const CONFIG_ROLES: Role[] = ['admin', 'staff'];
export const ADMIN_ONLY: Role[] = ['admin'];
// Proposals (提案). The server decides what each sees; these decide which pages they get.
/**
 * A member, or a leader linked to a member (chairs and vice-chairs are members): they write, submit and
 * evaluate their own proposals. A leader without that link does not.
 */
export const PROPOSERS: Access = asMember(['member', 'leader']);
/** Staff also enter proposals of party groups, special committees and sectors. */
export const PROPOSAL_WRITERS: Access = (u) => allows(PROPOSERS, u) || u.roles.includes('staff');
/** Leaders are often members too: they may be asked to co-sign (as the member their login is linked to). */
export const COSIGNERS: Access = asMember(['member', 'leader']);
export const PROPOSAL_OFFICE: Role[] = ['staff'];
export const SUPERVISORS: Role[] = ['staff', 'admin', 'leader'];
/** The 四双 report: the office and the leaders (api.md). */
export const REPORT_READERS: Role[] = ['staff', 'leader'];
export const UNIT_CLERKS: Role[] = ['unit'];
/** 优秀提案评选: members (leaders too may be members) nominate their own proposals, staff any. */
export const SELECTION_NOMINATORS: Role[] = ['member', 'leader', 'staff'];
// 社情民意: members (and leaders linked to a member) write; staff also enter paper reports for a member, review and record.
export const OPINION_WRITERS: Access = asMember(['member', 'leader']);
export const OPINION_COMPOSERS: Access = (u) => allows(OPINION_WRITERS, u) || u.roles.includes('staff');
export const OPINION_OFFICE: Role[] = ['staff'];
// 双联: members (leaders are often members too) keep in touch with whom they are linked to; staff and leaders see
// the whole graph (staff and admins adjust it).
export const LIAISONS: Access = asMember(['member', 'leader']);
// 双创: members register their own projects and log their activities, and so do leaders linked to a member (who
// still see everything as leaders); staff and leaders see everything (staff enter for members).
export const CREATION_MEMBERS: Access = asMember(['member', 'leader']);
// 双协: staff run consultations and keep the plan; leaders follow them and adopt the plan; members take part.
export const CONSULTATION_READERS: Role[] = ['staff', 'admin', 'leader', 'member'];
/** 开门式选题: everyone logged in, registered members of the public too, proposes and supports topics. */
export const TOPIC_ROLES: Role[] = [...ANY_ROLE, 'public'];
/** Members (leaders are often members too) are invited to consultation meetings, reply and sign in. */
export const MEETING_GOERS: Access = asMember(['member', 'leader']);

/** A leader not on the staff: the key board shows the key proposals they lead (as the server does). */
export function leadsOwnKeyProposals(roles: Role[]): boolean {
  return roles.includes('leader') && !roles.includes('staff');
}

/** The 双联见面会: the office and leaders read it, members convert the opinions they raised there. */
export const LIAISON_MEETING_READERS: Role[] = ['staff', 'admin', 'leader', 'member'];
/** Members (and leaders linked to a member) submit campaign ideas and see their own party activities. */
export const IDEA_WRITERS: Access = asMember(['member', 'leader']);
