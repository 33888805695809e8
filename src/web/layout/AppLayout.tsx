import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Flex, Layout, Menu, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useAuth, useUser } from '../auth';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SearchBox } from '../components/SearchBox';
import { NotificationBell } from '../components/NotificationBell';
import { RoleTags } from '../components/RoleTags';
import { CommitteeSwitch } from '../components/CommitteeSwitch';
import { NAV_GROUPS, NAV_ITEMS, activeNavPath, canUse, navGroupOf, navText } from './navigation';
import { PageContent } from './PageContent';
import { useIsMobile } from './useIsMobile';

const { Header, Sider } = Layout;

function useMenuItems(): MenuProps['items'] {
  const user = useUser();
  const { t } = useI18n();
  return useMemo(() => {
    const allowed = NAV_ITEMS.filter((item) => canUse(item, user));
    const toItem = (item: (typeof allowed)[number]) => ({
      key: item.path,
      icon: item.icon,
      label: <Link to={item.path}>{t(navText(item, user.roles).label)}</Link>,
    });
    const main = allowed.filter((i) => !i.group && i.path !== '/account').map(toItem);
    const account = allowed.filter((i) => i.path === '/account').map(toItem);
    const items: NonNullable<MenuProps['items']> = [...main];
    for (const group of NAV_GROUPS) {
      const children = allowed.filter((i) => i.group === group.key).map(toItem);
      if (children.length) items.push({ key: group.key, icon: group.icon, label: t(group.label), children });
    }
    items.push(...account);
    return items;
  }, [user, t]);
}

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const items = useMenuItems();
  const selected = activeNavPath(location.pathname, user);
  // The proposals group is the daily work: open from the start, and the group of the current page.
  const [openKeys, setOpenKeys] = useState<string[]>(() => [...new Set(['proposals', navGroupOf(selected) ?? 'proposals'])]);

  const onLogout = async () => {
    setDrawerOpen(false);
    await logout();
    navigate('/login', { replace: true });
  };

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  // The mark leads home; beside it the committee being worked in (a switch for a person with several).
  const brand = (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      <Link to="/" aria-label={t('app.name')} style={{ color: 'inherit', flex: 'none' }}>
        <span
          aria-hidden
          lang="zh-CN"
          style={{
            display: 'block',
            background: token.colorPrimary,
            color: '#fff',
            borderRadius: 6,
            width: 28,
            height: 28,
            lineHeight: '28px',
            textAlign: 'center',
            fontWeight: 600,
          }}
        >
          同
        </span>
      </Link>
      <CommitteeSwitch maxWidth={isMobile ? 150 : 360} />
    </Flex>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          padding: isMobile ? '0 8px' : '0 24px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
          <Flex align="center" gap={4} style={{ minWidth: 0 }}>
            {isMobile && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('common.menu')}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {brand}
          </Flex>
          {isMobile ? (
            <Flex align="center" gap={4} style={{ flex: 'none' }}>
              <SearchBox compact />
              <NotificationBell />
              <LanguageSwitch size="small" />
            </Flex>
          ) : (
            <Flex align="center" gap={12} style={{ flex: 'none' }}>
              <SearchBox />
              <NotificationBell />
              <Typography.Text>{user.displayName}</Typography.Text>
              <RoleTags roles={user.roles} />
              <LanguageSwitch />
              <Button icon={<LogoutOutlined />} onClick={onLogout}>
                {t('nav.logout')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Header>
      <Layout>
        {!isMobile && (
          <Sider
            // English labels are longer: the menu widens rather than cutting them off.
            width={lang === 'en' ? 256 : 216}
            theme="light"
            style={{
              borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
              position: 'sticky',
              top: 56,
              height: 'calc(100vh - 56px)',
              overflow: 'auto',
            }}
          >
            <nav aria-label={t('common.menu')}>{menu}</nav>
          </Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: '12px 16px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <Typography.Text strong>{user.displayName}</Typography.Text>
              <div style={{ marginTop: 6 }}>
                <RoleTags roles={user.roles} />
              </div>
            </div>
            <nav aria-label={t('common.menu')}>{menu}</nav>
            <div style={{ padding: 16 }}>
              <Button block icon={<LogoutOutlined />} onClick={onLogout}>
                {t('nav.logout')}
              </Button>
            </div>
          </Drawer>
        )}
        <PageContent isMobile={isMobile} maxWidth={1280} pageKey={user.orgId} />
      </Layout>
    </Layout>
  );
}
