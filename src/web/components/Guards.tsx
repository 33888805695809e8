import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button, Flex, Spin } from 'antd';
import { useAuth } from '../auth';
import { errorText } from '../api';
import { useI18n } from '../i18n';
import { isPublicOnly } from '../types';
import { allows, type Access } from '../layout/roles';
import { ErrorPanel } from './ErrorPanel';

function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders children for a signed-in user; otherwise sends them to /login and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, error, retry, loggedOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!user && error) {
    return (
      <ErrorPanel
        title={t('common.loadFailed')}
        detail={errorText(error)}
        action={<Button onClick={retry}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!user) {
    const next = location.pathname + location.search;
    return <Navigate to="/login" replace state={next === '/' || loggedOut ? undefined : { from: next }} />;
  }
  if (user.mustChangePassword) return <Navigate to="/password" replace />;
  // A public account (网民) has no place in the committee's app: its pages are the public ones, from the
  // portal (its open topics show in the public frame too: App.tsx). A consultation's office page leads to
  // its public one (a 404 there when it is not on the public list).
  if (isPublicOnly(user) && !location.pathname.startsWith('/consultations/topics')) {
    const consultation = /^\/consultations\/([0-9a-f-]{36})$/.exec(location.pathname)?.[1];
    return <Navigate to={location.pathname === '/account' ? '/public/account' : consultation ? `/public/consultations/${consultation}` : '/'} replace />;
  }
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <ErrorPanel
      warning
      title={t('forbidden.title')}
      detail={t('forbidden.detail')}
      action={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

/** Renders children for a user the page is for (its roles, or its rule: roles.ts); otherwise 无权访问. */
export function RequireRole({ roles, children }: { roles: Access; children: ReactNode }) {
  const { user } = useAuth();
  return allows(roles, user) ? <>{children}</> : <Forbidden />;
}
