// Where an administrator's reset leads: the user chooses their own password before anything else
// (the server refuses every other request meanwhile). A page of its own, without the menu.
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, Flex, Typography } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { AuthPanel } from '../components/AuthPanel';

export default function ChangePasswordPage() {
  const { t } = useI18n();
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  if (loading) return null;
  if (!user) return <Navigate to="/login" replace />;
  if (!user.mustChangePassword) return <Navigate to="/" replace />;

  return (
    <AuthPanel maxWidth={420}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('password.forcedIntro')}</Typography.Paragraph>
        <ChangePasswordForm user={user} temporary onChanged={() => navigate('/', { replace: true })} />
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button type="link" onClick={() => void logout()}>
            {t('nav.logout')}
          </Button>
        </Flex>
    </AuthPanel>
  );
}
