import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Flex, Layout, Menu, Spin, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined, SettingOutlined } from '@ant-design/icons';
import { useAuth, useUser } from '../auth';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RoleTags } from '../components/RoleTags';
import { NAV_ITEMS, activeNavPath, canUse } from './navigation';
import { useIsMobile } from './useIsMobile';

const { Header, Sider, Content } = Layout;

function useMenuItems(): MenuProps['items'] {
  const user = useUser();
  const { t } = useI18n();
  return useMemo(() => {
    const allowed = NAV_ITEMS.filter((item) => canUse(item, user.roles));
    const toItem = (item: (typeof allowed)[number]) => ({
      key: item.path,
      icon: item.icon,
      label: <Link to={item.path}>{t(item.label)}</Link>,
    });
    const main = allowed.filter((i) => !i.group && i.path !== '/account').map(toItem);
    const admin = allowed.filter((i) => i.group === 'admin').map(toItem);
    const account = allowed.filter((i) => i.path === '/account').map(toItem);
    const items: NonNullable<MenuProps['items']> = [...main];
    if (admin.length) {
      items.push({ key: 'admin', icon: <SettingOutlined />, label: t('nav.admin'), children: admin });
    }
    items.push(...account);
    return items;
  }, [user.roles, t]);
}

export function AppLayout() {
  const user = useUser();
  const { logout } = useAuth();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();
  const items = useMenuItems();
  const selected = activeNavPath(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(selected.startsWith('/admin') ? ['admin'] : []);

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

  const brand = (
    <Link to="/" style={{ color: 'inherit', minWidth: 0 }}>
      <Flex align="center" gap={8} style={{ minWidth: 0 }}>
        <span
          aria-hidden
          style={{
            background: token.colorPrimary,
            color: '#fff',
            borderRadius: 6,
            width: 28,
            height: 28,
            lineHeight: '28px',
            textAlign: 'center',
            flex: 'none',
            fontWeight: 600,
          }}
        >
          同
        </span>
        <Typography.Text strong ellipsis style={{ maxWidth: isMobile ? 190 : 360 }}>
          {user.orgName || t('app.name')}
        </Typography.Text>
      </Flex>
    </Link>
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
            <LanguageSwitch size="small" />
          ) : (
            <Flex align="center" gap={12} style={{ flex: 'none' }}>
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
            width={216}
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
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1280, margin: '0 auto' }}>
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 48 }}>
                  <Spin />
                </Flex>
              }
            >
              <Outlet />
            </Suspense>
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
