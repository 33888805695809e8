// Shapes of the tongxin API (docs/api-internal.md). Keep in step with the server.

/** `public`: a registered member of the public (网民): comments online, proposes and supports topics. */
export type Role = 'admin' | 'staff' | 'leader' | 'member' | 'unit' | 'public';
export const ALL_ROLES: Role[] = ['admin', 'staff', 'leader', 'member', 'unit', 'public'];
/** A public account (网民) and nothing more: it lives on the public pages (and the topics). */
export const isPublicOnly = (u: { roles: Role[] }) => u.roles.length > 0 && u.roles.every((r) => r === 'public');

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgId: string;
  orgName: string;
  memberId: string | null;
  unitId: string | null;
  /** An administrator set the password: the app shows only the change form until it is changed. */
  mustChangePassword: boolean;
  /** Linked with a login of another committee: the header offers to switch. */
  linked: boolean;
}

/** One of the committees of a person's account (GET /api/v1/auth/memberships). */
export interface Membership {
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  current: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemList<T> {
  items: T[];
}

export type UnitKind = 'government' | 'court' | 'procuratorate' | 'other';
export const UNIT_KINDS: UnitKind[] = ['government', 'court', 'procuratorate', 'other'];
export type OrgLevel = 'national' | 'provincial' | 'city' | 'county';

export interface Meta {
  parties: string[];
  unitKinds: UnitKind[];
  genders: string[];
  orgLevels: OrgLevel[];
  roles: Role[];
}

export interface Todo {
  kind: string;
  /** In Chinese; `params` are its values, for the title in the page's language (todo.<kind>). */
  title: string;
  params?: Record<string, string | number>;
  href: string;
  due?: string;
  /** Days since `due`, once it has passed (the server's calendar: China's). */
  overdueDays?: number;
}

export interface Org {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  code: string | null;
  region: string | null;
  active: boolean;
}

/** A committee directly below mine, with its admins' usernames (GET /orgs/children). */
export interface ChildOrg extends Org {
  admins: string[];
}

export interface Sector {
  id: string;
  name: string;
  sort: number;
  active: boolean;
  memberCount?: number;
}

export interface Committee {
  id: string;
  name: string;
  active: boolean;
}

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  active: boolean;
}

export interface Member {
  id: string;
  name: string;
  gender: string | null;
  birthYear: number | null;
  ethnicity: string | null;
  party: string;
  sectorId: string;
  sectorName: string;
  standing: boolean;
  chairMeeting: boolean;
  partyGroup: boolean;
  countyOrgId: string | null;
  countyName: string | null;
  committeeIds: string[];
  committeeNames: string[];
  liaisonSectorIds: string[];
  workplace: string | null;
  title: string | null;
  active: boolean;
  createdAt?: string;
  phone?: string | null;
  email?: string | null;
}

export interface MemberBody {
  name: string;
  sectorId: string;
  party: string;
  standing: boolean;
  gender?: string;
  birthYear?: number;
  ethnicity?: string;
  chairMeeting?: boolean;
  partyGroup?: boolean;
  countyOrgId?: string;
  committeeIds?: string[];
  liaisonSectorIds?: string[];
  workplace?: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface ImportReport {
  total: number;
  valid: number;
  imported: number;
  errors: { row: number; field: string; message: string }[];
}

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  memberId: string | null;
  unitId: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

export interface Session {
  id: string;
  number: number;
  startsOn: string;
  endsOn: string | null;
}

export interface Term {
  id: string;
  number: number;
  startYear: number;
  endYear: number;
  current: boolean;
  sessions: Session[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  /** The action and the object named in the request's language. */
  actionName: string;
  entityName: string;
  entityId: string | null;
  /** The object by title (or name), its page in the app, and whether it has been deleted since. */
  entityTitle: string | null;
  entityHref: string | null;
  entityGone: boolean;
  before: unknown;
  after: unknown;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}
