// Which pages each role can use: drives the menu, the home shortcuts and the route guards.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ClusterOutlined,
  HomeOutlined,
  IdcardOutlined,
  TeamOutlined,
  UploadOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n';
import type { Role } from '../types';

export const ANY_ROLE: Role[] = ['admin', 'staff', 'leader', 'member', 'unit'];
// The server lets every role read the directory (policy org.read).
export const DIRECTORY_ROLES: Role[] = ['admin', 'staff', 'leader', 'member', 'unit'];
export const ROSTER_EDITORS: Role[] = ['admin', 'staff'];
export const CONFIG_ROLES: Role[] = ['admin', 'staff'];
export const ADMIN_ONLY: Role[] = ['admin'];

export interface NavItem {
  path: string;
  label: MessageKey;
  description: MessageKey;
  icon: ReactNode;
  roles: Role[];
  group?: 'admin';
  /** Shown as a card on the home page. */
  shortcut?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'nav.home', description: 'nav.home', icon: <HomeOutlined />, roles: ANY_ROLE },
  { path: '/members', label: 'nav.members', description: 'home.shortcut.members', icon: <TeamOutlined />, roles: DIRECTORY_ROLES, shortcut: true },
  { path: '/members/import', label: 'nav.import', description: 'home.shortcut.import', icon: <UploadOutlined />, roles: ROSTER_EDITORS, shortcut: true },
  { path: '/admin/sectors', label: 'nav.sectors', description: 'home.shortcut.sectors', icon: <ClusterOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/committees', label: 'nav.committees', description: 'home.shortcut.committees', icon: <ApartmentOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/units', label: 'nav.units', description: 'home.shortcut.units', icon: <BankOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/terms', label: 'nav.terms', description: 'home.shortcut.terms', icon: <CalendarOutlined />, roles: CONFIG_ROLES, group: 'admin', shortcut: true },
  { path: '/admin/users', label: 'nav.users', description: 'home.shortcut.users', icon: <UserSwitchOutlined />, roles: ADMIN_ONLY, group: 'admin', shortcut: true },
  { path: '/admin/audit', label: 'nav.audit', description: 'home.shortcut.audit', icon: <AuditOutlined />, roles: ADMIN_ONLY, group: 'admin', shortcut: true },
  { path: '/account', label: 'nav.account', description: 'home.shortcut.account', icon: <IdcardOutlined />, roles: ANY_ROLE, shortcut: true },
];

export function canUse(item: { roles: Role[] }, roles: Role[]): boolean {
  return item.roles.some((r) => roles.includes(r));
}

/** The nav item whose path best matches the current location (for the selected menu key). */
export function activeNavPath(pathname: string): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    const p = item.path;
    const matches = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
    if (matches && p.length > best.length) best = p;
  }
  return best;
}
