// Routes. The login page comes with the app (most visits start there, and a lazy chunk would cost a
// round trip more); every other page and both layouts are lazy, so it loads only what it shows.
// RouteError stays eager: it is what shows when a chunk fails to load.
import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { RequireAuth, RequireRole } from './components/Guards';
import { RouteError } from './components/RouteError';
import { useAuth } from './auth';
import { isPublicOnly } from './types';
import { loadLang, readStoredLang } from './i18n';
import LoginPage from './pages/LoginPage';
import { loadAppLayout, loadHomePage } from './afterLogin';
import {
  ADMIN_ONLY,
  CONFIG_ROLES,
  LIAISONS,
  MEETING_GOERS,
  CREATION_MEMBERS,
  COSIGNERS,
  OPINION_COMPOSERS,
  OPINION_OFFICE,
  OPINION_WRITERS,
  DIRECTORY_ROLES,
  PROPOSAL_OFFICE,
  PROPOSAL_WRITERS,
  PROPOSERS,
  IDEA_WRITERS,
  LIAISON_MEETING_READERS,
  SELECTION_NOMINATORS,
  ROSTER_EDITORS,
  SUPERVISORS,
  REPORT_READERS,
  UNIT_CLERKS,
  type Access,
} from './layout/roles';
import type { PageHandle } from './layout/afterSwitch';

/** A lazy page or layout: its chunk and the rest of the language's strings (the entry has the login page's only). */
function page<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadLang(readStoredLang())]).then(([m]) => m));
}

const AppLayout = page(loadAppLayout);
const PublicLayout = page(() => import('./layout/PublicLayout').then((m) => ({ default: m.PublicLayout })));
const HomePage = page(loadHomePage);
const MembersPage = page(() => import('./pages/MembersPage'));
const MemberProfilePage = page(() => import('./pages/MemberProfilePage'));
const MemberImportPage = page(() => import('./pages/MemberImportPage'));
const AccountPage = page(() => import('./pages/AccountPage'));
const ChangePasswordPage = page(() => import('./pages/ChangePasswordPage'));
const NotFoundPage = page(() => import('./pages/NotFoundPage'));
const SectorsPage = page(() => import('./pages/admin/SectorsPage'));
const CommitteesPage = page(() => import('./pages/admin/CommitteesPage'));
const UnitsPage = page(() => import('./pages/admin/UnitsPage'));
const OrgsPage = page(() => import('./pages/admin/OrgsPage'));
const UsersPage = page(() => import('./pages/admin/UsersPage'));
const TermsPage = page(() => import('./pages/admin/TermsPage'));
const AuditPage = page(() => import('./pages/admin/AuditPage'));
const SettingsPage = page(() => import('./pages/admin/SettingsPage'));
const MyProposalsPage = page(() => import('./pages/proposals/MyProposalsPage'));
const ComposeProposalPage = page(() => import('./pages/proposals/ComposeProposalPage'));
const CosignRequestsPage = page(() => import('./pages/proposals/MemberTodoListPage').then((m) => ({ default: m.CosignRequestsPage })));
const RepliesToEvaluatePage = page(() => import('./pages/proposals/MemberTodoListPage').then((m) => ({ default: m.RepliesToEvaluatePage })));
const ProposalsAdminPage = page(() => import('./pages/proposals/ProposalsAdminPage'));
const FilingQueuePage = page(() => import('./pages/proposals/FilingQueuePage'));
const AssignmentPage = page(() => import('./pages/proposals/AssignmentPage'));
const BoardPage = page(() => import('./pages/proposals/BoardPage'));
const StatsPage = page(() => import('./pages/proposals/StatsPage'));
const SearchPage = page(() => import('./pages/proposals/SearchPage'));
const ExtensionsPage = page(() => import('./pages/proposals/ExtensionsPage'));
const UnitInboxPage = page(() => import('./pages/proposals/UnitInboxPage'));
const KeyProposalsPage = page(() => import('./pages/proposals/KeyProposalsPage'));
const ProposalDetailPage = page(() => import('./pages/proposals/ProposalDetailPage'));
const MyOpinionsPage = page(() => import('./pages/opinions/MyOpinionsPage'));
const ComposeOpinionPage = page(() => import('./pages/opinions/ComposeOpinionPage'));
const OpinionReviewPage = page(() => import('./pages/opinions/OpinionReviewPage'));
const OpinionsAdminPage = page(() => import('./pages/opinions/OpinionsAdminPage'));
const OpinionStatsPage = page(() => import('./pages/opinions/OpinionStatsPage'));
const MyLiaisonPage = page(() => import('./pages/liaison/MyLiaisonPage'));
const LiaisonLinksPage = page(() => import('./pages/liaison/LiaisonLinksPage'));
const LiaisonCompliancePage = page(() => import('./pages/liaison/LiaisonCompliancePage'));
const LiaisonStatsPage = page(() => import('./pages/liaison/LiaisonStatsPage'));
const ContactDetailPage = page(() => import('./pages/liaison/ContactDetailPage'));
const CreationProjectsPage = page(() => import('./pages/creation/CreationProjectsPage'));
const CreationProjectPage = page(() => import('./pages/creation/CreationProjectPage'));
const CreationActivitiesPage = page(() => import('./pages/creation/CreationActivitiesPage'));
const CreationHonoursPage = page(() => import('./pages/creation/CreationHonoursPage'));
const MyCreationPage = page(() => import('./pages/creation/MyCreationPage'));
const LiaisonMeetingsPage = page(() => import('./pages/liaison/LiaisonMeetingsPage'));
const PartyPage = page(() => import('./pages/party/PartyPage'));
const MyPartyPage = page(() => import('./pages/party/MyPartyPage'));
const CampaignsPage = page(() => import('./pages/party/CampaignsPage'));
const MyIdeasPage = page(() => import('./pages/party/MyIdeasPage'));
const MyRecordPage = page(() => import('./pages/records/MyRecordPage'));
const RecordsPage = page(() => import('./pages/records/RecordsPage'));
const RulesPage = page(() => import('./pages/records/RulesPage'));
const SishuangPage = page(() => import('./pages/reports/SishuangPage'));
const DashboardPage = page(() => import('./pages/reports/DashboardPage'));
const OpinionDetailPage = page(() => import('./pages/opinions/OpinionDetailPage'));
const ConsultationsPage = page(() => import('./pages/consultations/ConsultationsPage'));
const ConsultationPage = page(() => import('./pages/consultations/ConsultationPage'));
const PlanPage = page(() => import('./pages/consultations/PlanPage'));
const TopicsPage = page(() => import('./pages/consultations/TopicsPage'));
const TopicPage = page(() => import('./pages/consultations/TopicPage'));
const PublicConsultationsPage = page(() => import('./pages/consultations/PublicConsultationsPage'));
const RecommendationPage = page(() => import('./pages/consultations/RecommendationPage'));
const RoomsPage = page(() => import('./pages/consultations/RoomsPage'));
const RoomPage = page(() => import('./pages/consultations/RoomPage'));
const MyInvitationsPage = page(() => import('./pages/consultations/MyInvitationsPage'));
const SignInPage = page(() => import('./pages/consultations/SignInPage'));
const SignInScreenPage = page(() => import('./pages/consultations/SignInScreenPage'));
const LiveConsultationPage = page(() => import('./pages/consultations/LiveConsultationPage'));
const PublicAccountPage = page(() => import('./pages/PublicAccountPage'));
const RegisterPage = page(() => import('./pages/RegisterPage'));
const PublicProposalsPage = page(() => import('./pages/proposals/PublicProposalsPage'));
const PublicProposalDetailPage = page(() => import('./pages/proposals/PublicProposalDetailPage'));
const SelectionsPage = page(() => import('./pages/selection/SelectionsPage'));
const SelectionPage = page(() => import('./pages/selection/SelectionPage'));
const NominatePage = page(() => import('./pages/selection/NominatePage'));
const PublicSelectionsPage = page(() => import('./pages/selection/PublicSelectionsPage'));
const PublicSelectionPage = page(() => import('./pages/selection/PublicSelectionPage'));
const LibraryPage = page(() => import('./pages/library/LibraryPage'));
const DocumentPage = page(() => import('./pages/library/DocumentPage'));
const EverythingSearchPage = page(() => import('./pages/search/SearchPage'));

const PortalPage = page(() => import('./pages/PortalPage'));

/** Pages open to visitors and logins alike (文库, search): the public frame for visitors and public accounts, the app's for the committee's logins. */
function LibraryFrame() {
  const { user, loading } = useAuth();
  if (loading) return null;
  return user && !isPublicOnly(user) ? <AppLayout /> : <PublicLayout />;
}

/**
 * The app's frame, or the public one where the page is for the public: the home page of a visitor or
 * a public account (网民) is the portal, and a public account's open topics (开门式选题) stay in its frame.
 */
function AppFrame() {
  const { user, loading } = useAuth();
  const { pathname } = useLocation();
  const home = pathname === '/';
  if (!loading && !user && home) return <PublicLayout />;
  if (user && !user.mustChangePassword && isPublicOnly(user) && (home || pathname.startsWith('/consultations/topics'))) return <PublicLayout />;
  return (
    <RequireAuth>
      <AppLayout />
    </RequireAuth>
  );
}

/** `/`: a login's home (to-do), or the portal (公开信息首页) for visitors and public accounts. */
function HomeOrPortal() {
  const { user } = useAuth();
  return user && !isPublicOnly(user) ? <HomePage /> : <PortalPage />;
}

/** A page for some users: its guard, and who in the route's handle (what a switch of committee asks: layout/afterSwitch.ts). */
const only = (access: Access, page: ReactNode) => ({ element: <RequireRole roles={access}>{page}</RequireRole>, handle: { access } satisfies PageHandle });

const pages = [
  { index: true, element: <HomeOrPortal /> },
  { path: 'members', ...only(DIRECTORY_ROLES, <MembersPage />) },
  { path: 'members/import', ...only(ROSTER_EDITORS, <MemberImportPage />) },
  // Any role may open a profile (a member their own); the server decides what it shows.
  { path: 'members/:id', element: <MemberProfilePage /> },
  { path: 'proposals', ...only(SUPERVISORS, <ProposalsAdminPage />) },
  { path: 'proposals/mine', ...only(PROPOSERS, <MyProposalsPage />) },
  { path: 'proposals/new', ...only(PROPOSAL_WRITERS, <ComposeProposalPage />) },
  { path: 'proposals/cosign', ...only(COSIGNERS, <CosignRequestsPage />) },
  { path: 'proposals/evaluate', ...only(PROPOSERS, <RepliesToEvaluatePage />) },
  { path: 'proposals/review', ...only(PROPOSAL_OFFICE, <FilingQueuePage />) },
  { path: 'proposals/assign', ...only(PROPOSAL_OFFICE, <AssignmentPage />) },
  { path: 'proposals/board', ...only(SUPERVISORS, <BoardPage />) },
  { path: 'proposals/stats', ...only(SUPERVISORS, <StatsPage />) },
  { path: 'proposals/search', element: <SearchPage /> },
  { path: 'proposals/extensions', ...only(PROPOSAL_OFFICE, <ExtensionsPage />) },
  { path: 'proposals/inbox', ...only(UNIT_CLERKS, <UnitInboxPage />) },
  { path: 'proposals/key', ...only(SUPERVISORS, <KeyProposalsPage />) },
  // Anyone who may read a proposal opens it here; the server answers 404 to everyone else.
  { path: 'proposals/:id', element: <ProposalDetailPage /> },
  { path: 'proposals/:id/edit', ...only(PROPOSAL_WRITERS, <ComposeProposalPage />) },
  // 优秀提案评选: every role follows it; the server decides what each sees and may do.
  { path: 'selections', element: <SelectionsPage /> },
  { path: 'selections/:id', element: <SelectionPage /> },
  { path: 'selections/:id/nominate', ...only(SELECTION_NOMINATORS, <NominatePage />) },
  { path: 'opinions', ...only(SUPERVISORS, <OpinionsAdminPage />) },
  { path: 'opinions/mine', ...only(OPINION_WRITERS, <MyOpinionsPage />) },
  { path: 'opinions/new', ...only(OPINION_COMPOSERS, <ComposeOpinionPage />) },
  { path: 'opinions/review', ...only(OPINION_OFFICE, <OpinionReviewPage />) },
  { path: 'opinions/stats', ...only(SUPERVISORS, <OpinionStatsPage />) },
  // Anyone who may read a report opens it here; the server answers 404 to everyone else.
  { path: 'opinions/:id', element: <OpinionDetailPage /> },
  { path: 'opinions/:id/edit', ...only(OPINION_COMPOSERS, <ComposeOpinionPage />) },
  { path: 'liaison', ...only(SUPERVISORS, <LiaisonLinksPage />) },
  { path: 'liaison/mine', ...only(LIAISONS, <MyLiaisonPage />) },
  { path: 'liaison/compliance', ...only(SUPERVISORS, <LiaisonCompliancePage />) },
  { path: 'liaison/stats', ...only(SUPERVISORS, <LiaisonStatsPage />) },
  { path: 'liaison/meetings', ...only(LIAISON_MEETING_READERS, <LiaisonMeetingsPage />) },
  { path: 'party', ...only(SUPERVISORS, <PartyPage />) },
  { path: 'party/mine', ...only(IDEA_WRITERS, <MyPartyPage />) },
  { path: 'campaigns', ...only(SUPERVISORS, <CampaignsPage />) },
  { path: 'campaigns/mine', ...only(IDEA_WRITERS, <MyIdeasPage />) },
  // Anyone on the link (or the office) opens a contact here; the server answers 404 to everyone else.
  { path: 'liaison/contacts/:id', element: <ContactDetailPage /> },
  // 双创: staff and leaders see everything; members enter their own projects and activities.
  { path: 'creation', ...only(SUPERVISORS, <CreationProjectsPage />) },
  { path: 'creation/mine', ...only(CREATION_MEMBERS, <MyCreationPage />) },
  { path: 'creation/activities', ...only(SUPERVISORS, <CreationActivitiesPage />) },
  { path: 'creation/honours', ...only(SUPERVISORS, <CreationHonoursPage />) },
  // Its members (or the office) open a project here; the server answers 404 to everyone else.
  { path: 'creation/projects/:id', element: <CreationProjectPage /> },
  // 履职档案: a member's own record; the office and leaders every member's, the list and the rules.
  { path: 'records/me', ...only(LIAISONS, <MyRecordPage />) },
  { path: 'records', ...only(SUPERVISORS, <RecordsPage />) },
  { path: 'records/rules', ...only(SUPERVISORS, <RulesPage />) },
  { path: 'records/members/:id', element: <MyRecordPage /> },
  { path: 'reports/sishuang', ...only(REPORT_READERS, <SishuangPage />) },
  { path: 'dashboard', ...only(REPORT_READERS, <DashboardPage />) },
  // 双协: every role of the committee reads consultations and the plan; the server decides what each may do.
  { path: 'consultations', element: <ConsultationsPage /> },
  { path: 'consultations/plan', element: <PlanPage /> },
  { path: 'consultations/rooms', element: <RoomsPage /> },
  { path: 'consultations/rooms/:id', element: <RoomPage /> },
  // 开门式选题: anyone logged in (a public account too) proposes and supports.
  { path: 'consultations/topics', element: <TopicsPage /> },
  { path: 'consultations/topics/:id', element: <TopicPage /> },
  { path: 'consultations/:id', element: <ConsultationPage /> },
  // The meeting: a member's invitations, and the sign-in page the venue's QR code opens.
  { path: 'meetings', ...only(MEETING_GOERS, <MyInvitationsPage />) },
  { path: 'meetings/:id/sign-in', ...only(MEETING_GOERS, <SignInPage />) },
  // A recommendation: units it is assigned to act on it here (notifications link the longer path).
  { path: 'recommendations/:id', element: <RecommendationPage /> },
  { path: 'consultations/:consultationId/recommendations/:id', element: <RecommendationPage /> },
  { path: 'admin/sectors', ...only(CONFIG_ROLES, <SectorsPage />) },
  { path: 'admin/committees', ...only(CONFIG_ROLES, <CommitteesPage />) },
  { path: 'admin/units', ...only(CONFIG_ROLES, <UnitsPage />) },
  { path: 'admin/terms', ...only(CONFIG_ROLES, <TermsPage />) },
  { path: 'admin/settings', ...only(CONFIG_ROLES, <SettingsPage />) },
  { path: 'admin/users', ...only(ADMIN_ONLY, <UsersPage />) },
  { path: 'admin/orgs', ...only(ADMIN_ONLY, <OrgsPage />) },
  { path: 'admin/audit', ...only(ADMIN_ONLY, <AuditPage />) },
  { path: 'account', element: <AccountPage /> },
  { path: '*', element: <NotFoundPage /> },
];

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/register', element: <RegisterPage />, errorElement: <RouteError /> },
  // After an administrator's reset: the new password first (RequireAuth leads here).
  { path: '/password', element: <ChangePasswordPage />, errorElement: <RouteError /> },
  // The sign-in screen at the venue: full screen, without the menu (staff).
  { path: '/consultations/:id/sign-in-screen', element: <RequireAuth><RequireRole roles={PROPOSAL_OFFICE}><Suspense fallback={null}><SignInScreenPage /></Suspense></RequireRole></RequireAuth>, errorElement: <RouteError /> },
  // Published proposals: no login needed.
  {
    path: '/public',
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="proposals" replace /> },
      { path: 'proposals', element: <PublicProposalsPage /> },
      { path: 'proposals/:id', element: <PublicProposalDetailPage /> },
      { path: 'selections', element: <PublicSelectionsPage /> },
      { path: 'selections/:id', element: <PublicSelectionPage /> },
      // 网络议政: open online consultations and their live pages.
      { path: 'consultations', element: <PublicConsultationsPage /> },
      { path: 'consultations/:id', element: <LiveConsultationPage /> },
      // A public account's 我的账户.
      { path: 'account', element: <PublicAccountPage /> },
    ],
  },
  // 文库: visitors read public documents' previews in the public frame; a login reads on in the app's.
  {
    path: '/library',
    element: <LibraryFrame />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <LibraryPage /> },
      { path: ':id', element: <DocumentPage /> },
    ],
  },
  // Search across everything: each finds what they may read.
  { path: '/search', element: <LibraryFrame />, errorElement: <RouteError />, children: [{ index: true, element: <EverythingSearchPage /> }] },
  {
    element: <AppFrame />,
    errorElement: <RouteError />,
    // A page that fails keeps the header and menu around it.
    children: [{ errorElement: <RouteError />, children: pages }],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
