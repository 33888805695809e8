// The frame of pages anyone may open without logging in (published proposals, selection results).
import { useEffect, useRef } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { Button, Flex, Layout, Typography, theme } from 'antd';
import { LoginOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { isPublicOnly } from '../types';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { PageContent } from './PageContent';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SearchBox } from '../components/SearchBox';
import { PublicOrgChooser, useOrgPath } from '../components/PublicOrgChooser';
import { useIsMobile } from './useIsMobile';
import type { MessageKey } from '../i18n';

const PUBLIC_PAGES: [string, MessageKey][] = [
  ['/public/consultations', 'nav.publicConsultations'], ['/public/proposals', 'nav.publicProposals'], ['/public/selections', 'nav.publicSelectionsShort'], ['/library', 'nav.library'],
];

export function PublicLayout() {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  // On a phone the page links scroll sideways (no bar shown): the current one is brought into view.
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => { nav.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'center' }); }, [pathname]);
  const orgPath = useOrgPath();
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
          <Flex align="center" gap={isMobile ? 8 : 16} style={{ minWidth: 0, overflowX: 'auto', whiteSpace: 'nowrap', scrollbarWidth: 'none' }} component="nav" ref={nav} aria-label={t('nav.public')}>
            <Link to={orgPath('/public/proposals')}>
              <Typography.Text strong style={{ color: token.colorPrimary, fontSize: 18, whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Typography.Text>
            </Link>
            {PUBLIC_PAGES.map(([path, label]) => (
              <NavLink key={path} to={orgPath(path)} style={({ isActive }) => ({ color: isActive ? token.colorPrimary : token.colorText, whiteSpace: 'nowrap' })}>
                {t(label)}
              </NavLink>
            ))}
          </Flex>
          <Flex align="center" gap={8} style={{ flex: 'none' }}>
            {!isMobile && <PublicOrgChooser />}
            <SearchBox compact={isMobile} path={orgPath('/search')} />
            <LanguageSwitch size={isMobile ? 'small' : undefined} />
            {user && isPublicOnly(user) ? (
              // A public account stays here: its name leads to its account; it signs out rather than going "home".
              <>
                <Link to="/public/account" aria-label={`${user.displayName}${t('common.labelSep')}${t('account.title')}`} style={{ whiteSpace: 'nowrap' }}>
                  <UserOutlined />{isMobile ? null : ` ${user.displayName}`}
                </Link>
                <Button size={isMobile ? 'small' : undefined} icon={<LogoutOutlined />} onClick={() => void logout()} aria-label={t('nav.logout')}>
                  {isMobile ? null : t('nav.logout')}
                </Button>
              </>
            ) : (
              <Button size={isMobile ? 'small' : undefined} icon={<LoginOutlined />} onClick={() => navigate(user ? '/' : '/login')}>
                {user ? t('common.backHome') : t('proposal.public.login')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
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
