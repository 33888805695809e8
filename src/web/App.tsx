// Routes. Pages are lazy so the antd-heavy admin screens load only when opened.
import { lazy } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { RequireAuth, RequireRole } from './components/Guards';
import { RouteError } from './components/RouteError';
import { AppLayout } from './layout/AppLayout';
import { ADMIN_ONLY, CONFIG_ROLES, DIRECTORY_ROLES, ROSTER_EDITORS } from './layout/navigation';
import type { Role } from './types';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const MembersPage = lazy(() => import('./pages/MembersPage'));
const MemberProfilePage = lazy(() => import('./pages/MemberProfilePage'));
const MemberImportPage = lazy(() => import('./pages/MemberImportPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const SectorsPage = lazy(() => import('./pages/admin/SectorsPage'));
const CommitteesPage = lazy(() => import('./pages/admin/CommitteesPage'));
const UnitsPage = lazy(() => import('./pages/admin/UnitsPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const TermsPage = lazy(() => import('./pages/admin/TermsPage'));
const AuditPage = lazy(() => import('./pages/admin/AuditPage'));

const only = (roles: Role[], page: ReactNode) => <RequireRole roles={roles}>{page}</RequireRole>;

const pages = [
  { index: true, element: <HomePage /> },
  { path: 'members', element: only(DIRECTORY_ROLES, <MembersPage />) },
  { path: 'members/import', element: only(ROSTER_EDITORS, <MemberImportPage />) },
  // Any role may open a profile (a member their own); the server decides what it shows.
  { path: 'members/:id', element: <MemberProfilePage /> },
  { path: 'admin/sectors', element: only(CONFIG_ROLES, <SectorsPage />) },
  { path: 'admin/committees', element: only(CONFIG_ROLES, <CommitteesPage />) },
  { path: 'admin/units', element: only(CONFIG_ROLES, <UnitsPage />) },
  { path: 'admin/terms', element: only(CONFIG_ROLES, <TermsPage />) },
  { path: 'admin/users', element: only(ADMIN_ONLY, <UsersPage />) },
  { path: 'admin/audit', element: only(ADMIN_ONLY, <AuditPage />) },
  { path: 'account', element: <AccountPage /> },
  { path: '*', element: <NotFoundPage /> },
];

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    // A page that fails keeps the header and menu around it.
    children: [{ errorElement: <RouteError />, children: pages }],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
