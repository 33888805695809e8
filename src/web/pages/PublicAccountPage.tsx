// 我的账户 of a public account (网民), in the public frame: who I am, my password, and where my topics are.
// (The committee's logins have theirs in the app: AccountPage.)
import { Link, Navigate } from 'react-router-dom';
import { Flex } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { isPublicOnly } from '../types';
import { PageHeader } from '../components/PageHeader';
import { PasswordCard, ProfileCard } from './AccountPage';

export default function PublicAccountPage() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  if (loading) return null;
  if (!user) return <Navigate to="/login" replace state={{ from: '/public/account' }} />;
  if (!isPublicOnly(user)) return <Navigate to="/account" replace />;
  return (
    <>
      <PageHeader title={t('account.title')} extra={<Link to="/consultations/topics">{t('nav.consultationTopics')}</Link>} />
      <Flex vertical gap={16}>
        <ProfileCard />
        <PasswordCard />
      </Flex>
    </>
  );
}
