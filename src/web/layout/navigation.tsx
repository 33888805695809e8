// Which pages each role can use: drives the menu, the home shortcuts and the route guards.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BulbOutlined,
  CalendarOutlined,
  ClusterOutlined,
  CommentOutlined,
  ControlOutlined,
  BarChartOutlined,
  DashboardOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FolderOpenOutlined,
  FormOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  LikeOutlined,
  NodeIndexOutlined,
  PieChartOutlined,
  ProfileOutlined,
  RocketOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UserSwitchOutlined,
  UsergroupAddOutlined,
  PartitionOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n';
import type { Role } from '../types';
import { ANY_ROLE, DIRECTORY_ROLES, ROSTER_EDITORS, CONFIG_ROLES, ADMIN_ONLY, PROPOSERS, COSIGNERS, PROPOSAL_OFFICE, SUPERVISORS, REPORT_READERS, UNIT_CLERKS, OPINION_WRITERS, OPINION_OFFICE, LIAISONS, CREATION_MEMBERS, CONSULTATION_READERS, TOPIC_ROLES, MEETING_GOERS, LIAISON_MEETING_READERS, IDEA_WRITERS, allows, leadsOwnKeyProposals, type Access, type Someone } from './roles';

export type NavGroup = 'proposals' | 'opinions' | 'consultations' | 'liaison' | 'creation' | 'party' | 'records' | 'admin';
export const NAV_GROUPS: { key: NavGroup; label: MessageKey; icon: ReactNode }[] = [
  { key: 'proposals', label: 'nav.proposals', icon: <FileTextOutlined /> },
  { key: 'opinions', label: 'nav.opinions', icon: <CommentOutlined /> },
  { key: 'consultations', label: 'nav.consultations', icon: <TeamOutlined /> },
  { key: 'liaison', label: 'nav.liaison', icon: <NodeIndexOutlined /> },
  { key: 'creation', label: 'nav.creation', icon: <RocketOutlined /> },
  { key: 'party', label: 'nav.party', icon: <FlagOutlined /> },
  { key: 'records', label: 'nav.records', icon: <SolutionOutlined /> },
  { key: 'admin', label: 'nav.admin', icon: <SettingOutlined /> },
];

export interface NavItem {
  path: string;
  label: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  roles: Access;
  group?: NavGroup;
  /** Shown as a card on the home page. */
  shortcut?: boolean;
  /** Another label and description for some users (e.g. a leader's own key proposals). */
  variant?: (roles: Role[]) => { label: MessageKey; description: MessageKey } | undefined;
}

/** The label and description this user sees for the item. */
export function navText(item: NavItem, roles: Role[]): { label: MessageKey; description: MessageKey } {
  return item.variant?.(roles) ?? { label: item.label, description: item.description };
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'nav.home', description: 'nav.home', icon: <HomeOutlined />, roles: TOPIC_ROLES },
  { path: '/dashboard', label: 'nav.dashboard', description: 'home.shortcut.dashboard', icon: <BarChartOutlined />, roles: REPORT_READERS, shortcut: true },
  { path: '/members', label: 'nav.members', description: 'home.shortcut.members', icon: <TeamOutlined />, roles: DIRECTORY_ROLES, shortcut: true },
  { path: '/members/import', label: 'nav.import', description: 'home.shortcut.import', icon: <UploadOutlined />, roles: ROSTER_EDITORS, shortcut: true },
  { path: '/proposals/mine', label: 'nav.myProposals', description: 'home.shortcut.myProposals', icon: <FileTextOutlined />, roles: PROPOSERS, group: 'proposals', shortcut: true },
  { path: '/proposals/new', label: 'nav.newProposal', description: 'home.shortcut.newProposal', icon: <EditOutlined />, roles: PROPOSERS, group: 'proposals', shortcut: true },
  { path: '/proposals/cosign', label: 'nav.cosignRequests', description: 'home.shortcut.cosign', icon: <UsergroupAddOutlined />, roles: COSIGNERS, group: 'proposals' },
  { path: '/proposals/evaluate', label: 'nav.toEvaluate', description: 'home.shortcut.toEvaluate', icon: <LikeOutlined />, roles: PROPOSERS, group: 'proposals' },
  { path: '/proposals', label: 'nav.proposalAdmin', description: 'home.shortcut.proposalAdmin', icon: <FileTextOutlined />, roles: SUPERVISORS, group: 'proposals', shortcut: true },
  { path: '/proposals/review', label: 'nav.filingQueue', description: 'home.shortcut.filingQueue', icon: <FileSearchOutlined />, roles: PROPOSAL_OFFICE, group: 'proposals', shortcut: true },
  { path: '/proposals/assign', label: 'nav.assignment', description: 'home.shortcut.assignment', icon: <SendOutlined />, roles: PROPOSAL_OFFICE, group: 'proposals', shortcut: true },
  { path: '/proposals/board', label: 'nav.board', description: 'home.shortcut.board', icon: <DashboardOutlined />, roles: SUPERVISORS, group: 'proposals', shortcut: true },
  { path: '/proposals/search', label: 'nav.proposalSearch', description: 'home.shortcut.proposalSearch', icon: <SearchOutlined />, roles: ANY_ROLE, group: 'proposals' },
  { path: '/proposals/stats', label: 'nav.stats', description: 'home.shortcut.stats', icon: <BarChartOutlined />, roles: SUPERVISORS, group: 'proposals', shortcut: true },
  { path: '/proposals/extensions', label: 'nav.extensions', description: 'home.shortcut.extensions', icon: <FieldTimeOutlined />, roles: PROPOSAL_OFFICE, group: 'proposals' },
  { path: '/proposals/inbox', label: 'nav.unitInbox', description: 'home.shortcut.unitInbox', icon: <InboxOutlined />, roles: UNIT_CLERKS, group: 'proposals', shortcut: true },
  {
    path: '/proposals/key', label: 'nav.keyBoard', description: 'home.shortcut.keyBoard', icon: <StarOutlined />, roles: SUPERVISORS, group: 'proposals', shortcut: true,
    variant: (roles) => (leadsOwnKeyProposals(roles) ? { label: 'nav.keyProposals', description: 'home.shortcut.keyProposals' } : undefined),
  },
  { path: '/selections', label: 'nav.selection', description: 'home.shortcut.selection', icon: <TrophyOutlined />, roles: ANY_ROLE, group: 'proposals', shortcut: true },
  { path: '/opinions/mine', label: 'nav.myOpinions', description: 'home.shortcut.myOpinions', icon: <CommentOutlined />, roles: OPINION_WRITERS, group: 'opinions', shortcut: true },
  { path: '/opinions/new', label: 'nav.newOpinion', description: 'home.shortcut.myOpinions', icon: <FormOutlined />, roles: OPINION_WRITERS, group: 'opinions' },
  { path: '/opinions/review', label: 'nav.opinionReview', description: 'home.shortcut.opinionReview', icon: <AuditOutlined />, roles: OPINION_OFFICE, group: 'opinions', shortcut: true },
  { path: '/opinions', label: 'nav.opinionAdmin', description: 'home.shortcut.opinionAdmin', icon: <ProfileOutlined />, roles: SUPERVISORS, group: 'opinions' },
  { path: '/opinions/stats', label: 'nav.opinionStats', description: 'home.shortcut.opinionStats', icon: <PieChartOutlined />, roles: SUPERVISORS, group: 'opinions', shortcut: true },
  { path: '/consultations', label: 'nav.consultationList', description: 'home.shortcut.consultations', icon: <TeamOutlined />, roles: CONSULTATION_READERS, group: 'consultations', shortcut: true },
  { path: '/consultations/rooms', label: 'nav.consultationRooms', description: 'home.shortcut.consultationRooms', icon: <EnvironmentOutlined />, roles: CONSULTATION_READERS, group: 'consultations' },
  { path: '/consultations/topics', label: 'nav.consultationTopics', description: 'home.shortcut.consultationTopics', icon: <BulbOutlined />, roles: TOPIC_ROLES, group: 'consultations', shortcut: true },
  { path: '/meetings', label: 'nav.myMeetings', description: 'home.shortcut.myMeetings', icon: <CalendarOutlined />, roles: MEETING_GOERS, group: 'consultations', shortcut: true },
  { path: '/consultations/plan', label: 'nav.consultationPlan', description: 'home.shortcut.consultationPlan', icon: <ScheduleOutlined />, roles: SUPERVISORS, group: 'consultations', shortcut: true },
  { path: '/liaison/mine', label: 'nav.myLiaison', description: 'home.shortcut.myLiaison', icon: <NodeIndexOutlined />, roles: LIAISONS, group: 'liaison', shortcut: true },
  { path: '/liaison', label: 'nav.liaisonLinks', description: 'home.shortcut.liaisonLinks', icon: <TeamOutlined />, roles: SUPERVISORS, group: 'liaison', shortcut: true },
  { path: '/liaison/compliance', label: 'nav.liaisonCompliance', description: 'home.shortcut.liaisonCompliance', icon: <DashboardOutlined />, roles: SUPERVISORS, group: 'liaison', shortcut: true },
  { path: '/liaison/stats', label: 'nav.liaisonStats', description: 'home.shortcut.liaisonStats', icon: <BarChartOutlined />, roles: SUPERVISORS, group: 'liaison' },
  { path: '/creation/mine', label: 'nav.myCreation', description: 'home.shortcut.myCreation', icon: <RocketOutlined />, roles: CREATION_MEMBERS, group: 'creation', shortcut: true },
  { path: '/creation', label: 'nav.creationProjects', description: 'home.shortcut.creationProjects', icon: <RocketOutlined />, roles: SUPERVISORS, group: 'creation', shortcut: true },
  { path: '/creation/activities', label: 'nav.creationActivities', description: 'home.shortcut.creationActivities', icon: <HeartOutlined />, roles: SUPERVISORS, group: 'creation' },
  { path: '/creation/honours', label: 'nav.creationHonours', description: 'home.shortcut.creationHonours', icon: <TrophyOutlined />, roles: SUPERVISORS, group: 'creation' },
  { path: '/liaison/meetings', label: 'nav.liaisonMeetings', description: 'home.shortcut.liaisonMeetings', icon: <TeamOutlined />, roles: LIAISON_MEETING_READERS, group: 'liaison' },
  { path: '/campaigns/mine', label: 'nav.myIdeas', description: 'home.shortcut.myIdeas', icon: <BulbOutlined />, roles: IDEA_WRITERS, group: 'party', shortcut: true },
  { path: '/party/mine', label: 'nav.myParty', description: 'home.shortcut.myParty', icon: <FlagOutlined />, roles: IDEA_WRITERS, group: 'party' },
  { path: '/party', label: 'nav.party', description: 'home.shortcut.party', icon: <FlagOutlined />, roles: SUPERVISORS, group: 'party', shortcut: true },
  { path: '/campaigns', label: 'nav.campaigns', description: 'home.shortcut.campaigns', icon: <BulbOutlined />, roles: SUPERVISORS, group: 'party', shortcut: true },
  { path: '/records/me', label: 'nav.myRecord', description: 'home.shortcut.myRecord', icon: <SolutionOutlined />, roles: LIAISONS, group: 'records', shortcut: true },
  { path: '/records', label: 'nav.recordList', description: 'home.shortcut.recordList', icon: <SolutionOutlined />, roles: SUPERVISORS, group: 'records', shortcut: true },
  { path: '/records/rules', label: 'nav.recordRules', description: 'home.shortcut.recordRules', icon: <SettingOutlined />, roles: SUPERVISORS, group: 'records' },
  { path: '/reports/sishuang', label: 'nav.sishuang', description: 'home.shortcut.sishuang', icon: <ProfileOutlined />, roles: REPORT_READERS, group: 'records', shortcut: true },
  { path: '/library', label: 'nav.library', description: 'home.shortcut.library', icon: <FolderOpenOutlined />, roles: ANY_ROLE, shortcut: true },
  { path: '/admin/sectors', label: 'nav.sectors', description: 'home.shortcut.sectors', icon: <ClusterOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/committees', label: 'nav.committees', description: 'home.shortcut.committees', icon: <ApartmentOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/units', label: 'nav.units', description: 'home.shortcut.units', icon: <BankOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/terms', label: 'nav.terms', description: 'home.shortcut.terms', icon: <CalendarOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/settings', label: 'nav.settings', description: 'home.shortcut.settings', icon: <ControlOutlined />, roles: CONFIG_ROLES, group: 'admin' },
  { path: '/admin/orgs', label: 'nav.orgs', description: 'home.shortcut.orgs', icon: <PartitionOutlined />, roles: ADMIN_ONLY, group: 'admin', shortcut: true },
  { path: '/admin/users', label: 'nav.users', description: 'home.shortcut.users', icon: <UserSwitchOutlined />, roles: ADMIN_ONLY, group: 'admin', shortcut: true },
  { path: '/admin/audit', label: 'nav.audit', description: 'home.shortcut.audit', icon: <AuditOutlined />, roles: ADMIN_ONLY, group: 'admin', shortcut: true },
  { path: '/account', label: 'nav.account', description: 'home.shortcut.account', icon: <IdcardOutlined />, roles: ANY_ROLE, shortcut: true },
];

export function canUse(item: { roles: Access }, user: Someone): boolean {
  return allows(item.roles, user);
}

/** The menu group holding the page at this path, if any. */
export function navGroupOf(path: string): NavGroup | undefined {
  return NAV_ITEMS.find((item) => item.path === path)?.group;
}

/** The nav item whose path best matches the current location (for the selected menu key). */
export function activeNavPath(pathname: string, user: Someone = { roles: [], memberId: null }): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    const p = item.path;
    const matches = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
    if (matches && p.length > best.length) best = p;
  }
  if (best !== '/') return best;
  // A page the menu does not list stands under the item it is reached from: the first of them this user has.
  const under = UNDER.find(([prefix]) => pathname.startsWith(prefix));
  return under?.[1].find((path) => NAV_ITEMS.some((i) => i.path === path && canUse(i, user))) ?? best;
}

/** Pages outside the menu and the items they stand under (a recommendation: a unit's inbox, or the consultations). */
const UNDER: [string, string[]][] = [['/recommendations/', ['/proposals/inbox', '/consultations']]];
