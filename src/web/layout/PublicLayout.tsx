// The frame of the pages anyone may open without logging in (the portal, published proposals,
// selection results, consultations, the library, search), and the one frame of a public account
// (网民), whose open topics (开门式选题) and account show in it too. The mark at the start of the
// header always shows and leads to the portal; the pages are links beside it on a wide screen and a
// menu (drawer) below that, so nothing is cut off or scrolled out of sight on a phone.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
import {
  BulbOutlined, FileTextOutlined, FolderOpenOutlined, HomeOutlined, LoginOutlined, LogoutOutlined, MenuOutlined,
  SearchOutlined, TeamOutlined, TrophyOutlined, UserAddOutlined, UserOutlined,
} from '@ant-design/icons';
import { isPublicOnly } from '../types';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { PageContent } from './PageContent';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SearchBox } from '../components/SearchBox';
import { PublicOrgChooser, useOrgPath } from '../components/PublicOrgChooser';
import { useIsMobile } from './useIsMobile';
import type { MessageKey } from '../i18n';

interface PublicPage { path: string; label: MessageKey; icon: ReactNode; /** Only for a public account (a visitor finds it on the portal). */ account?: boolean; /** Only in the menu (the header has the search box). */ menuOnly?: boolean }

const PUBLIC_PAGES: PublicPage[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined /> },
  { path: '/public/proposals', label: 'nav.publicProposals', icon: <FileTextOutlined /> },
  { path: '/public/selections', label: 'nav.publicSelectionsShort', icon: <TrophyOutlined /> },
  { path: '/public/consultations', label: 'nav.publicConsultations', icon: <TeamOutlined /> },
  { path: '/consultations/topics', label: 'nav.consultationTopics', icon: <BulbOutlined />, account: true },
  { path: '/library', label: 'nav.library', icon: <FolderOpenOutlined /> },
  { path: '/search', label: 'nav.searchAll', icon: <SearchOutlined />, menuOnly: true },
];

/** The page of the menu the address is on: the longest path it starts with (the portal only as itself). */
function activePath(pathname: string, pages: PublicPage[]): string | undefined {
  return pages
    .filter((p) => (p.path === '/' ? pathname === '/' : pathname === p.path || pathname.startsWith(`${p.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

export function PublicLayout() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  // The links fit beside the header's controls from 1200 px; below that, the menu button.
  const screens = Grid.useBreakpoint();
  const inline = screens.xl ?? (typeof window !== 'undefined' && window.innerWidth >= 1200);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const orgPath = useOrgPath();
  const account = !!user && isPublicOnly(user);
  const pages = PUBLIC_PAGES.filter((p) => !p.account || account);
  const active = activePath(pathname, pages);
  // (a visitor's committee goes along; a login reads its own)
  const to = (path: string) => (user ? path : orgPath(path));

  const onLogout = async () => {
    setDrawerOpen(false);
    await logout();
    // The open topics are for a login: back to the portal from there.
    if (pathname.startsWith('/consultations/topics')) navigate('/', { replace: true });
  };

  const brand = (
    <Link to={to('/')} aria-label={t('app.name')} style={{ flex: 'none', display: 'flex', alignItems: 'center', gap: 8 }}>
      <span aria-hidden lang="zh-CN" style={{ display: 'block', background: token.colorPrimary, color: '#fff', borderRadius: 6, width: 28, height: 28, lineHeight: '28px', textAlign: 'center', fontWeight: 600 }}>同</span>
      <Typography.Text strong style={{ color: token.colorPrimary, fontSize: 18, whiteSpace: 'nowrap' }}>{t('app.name')}</Typography.Text>
    </Link>
  );

  const links = (
    <Flex component="nav" aria-label={t('nav.public')} align="center" gap={16} style={{ minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap' }}>
      {pages.filter((p) => !p.menuOnly).map((p) => (
        <Link key={p.path} to={to(p.path)} aria-current={active === p.path ? 'page' : undefined}
          style={{ color: active === p.path ? token.colorPrimary : token.colorText, flex: 'none' }}>
          {t(p.label)}
        </Link>
      ))}
    </Flex>
  );

  const drawer = (
    <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={t('app.name')} styles={{ body: { padding: 0 } }}>
      {account && (
        <div style={{ padding: '12px 16px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <div><Typography.Text type="secondary">{user.orgName}</Typography.Text></div>
        </div>
      )}
      <nav aria-label={t('nav.public')}>
        <Menu
          mode="inline"
          selectedKeys={active ? [active] : []}
          onClick={() => setDrawerOpen(false)}
          style={{ borderInlineEnd: 'none' }}
          items={[
            ...pages.map((p) => ({ key: p.path, icon: p.icon, label: <Link to={to(p.path)}>{t(p.label)}</Link> })),
            ...(account ? [{ key: '/public/account', icon: <UserOutlined />, label: <Link to="/public/account">{t('account.title')}</Link> }] : []),
          ]}
        />
      </nav>
      <Flex vertical gap={8} style={{ padding: 16 }}>
        {account ? (
          <Button block icon={<LogoutOutlined />} onClick={() => void onLogout()}>{t('nav.logout')}</Button>
        ) : user ? (
          <Button block icon={<HomeOutlined />} onClick={() => { setDrawerOpen(false); navigate('/'); }}>{t('common.backHome')}</Button>
        ) : (
          <>
            <Button block type="primary" icon={<LoginOutlined />} onClick={() => { setDrawerOpen(false); navigate('/login', { state: { from: pathname === '/login' ? '/' : orgPath(pathname) } }); }}>{t('proposal.public.login')}</Button>
            <Button block icon={<UserAddOutlined />} onClick={() => { setDrawerOpen(false); navigate('/register', { state: { from: orgPath(pathname) } }); }}>{t('portal.join')}</Button>
          </>
        )}
      </Flex>
    </Drawer>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          padding: isMobile ? '0 8px' : '0 24px',
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
          <Flex align="center" gap={isMobile ? 4 : 16} style={{ minWidth: 0 }}>
            {!inline && <Button type="text" icon={<MenuOutlined />} aria-label={t('common.menu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />}
            {brand}
            {inline && links}
          </Flex>
          <Flex align="center" gap={isMobile ? 4 : 8} style={{ flex: 'none' }}>
            {!isMobile && <PublicOrgChooser />}
            <SearchBox compact={isMobile} path={to('/search')} />
            <LanguageSwitch size={isMobile ? 'small' : undefined} />
            {account ? (
              // A public account: its name leads to its account; it signs out rather than going "home".
              <>
                <Link to="/public/account" aria-label={`${user.displayName}${t('common.labelSep')}${t('account.title')}`} style={{ whiteSpace: 'nowrap' }}>
                  <UserOutlined />{isMobile ? null : ` ${user.displayName}`}
                </Link>
                {!isMobile && <Button icon={<LogoutOutlined />} onClick={() => void onLogout()}>{t('nav.logout')}</Button>}
              </>
            ) : (
              <Button size={isMobile ? 'small' : undefined} icon={user ? <HomeOutlined /> : <LoginOutlined />}
                onClick={() => (user ? navigate('/') : navigate('/login', { state: pathname === '/' ? undefined : { from: orgPath(pathname) } }))}>
                {user ? t('common.backHome') : t('proposal.public.login')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      {!inline && drawer}
      {isMobile && (
        // On a phone the header has no room: the committee goes on a line of its own.
        <Flex justify="end" style={{ padding: '6px 8px 0' }}>
          <PublicOrgChooser compact />
        </Flex>
      )}
      <PageContent isMobile={isMobile} maxWidth={1100} />
    </Layout>
  );
}
