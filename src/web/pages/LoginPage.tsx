import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Flex, Form, theme } from 'antd';
// Input and Password by their own modules, and headings without Typography: antd's Input brings
// TextArea, Search and OTP along, and Typography its tooltip, copy and edit, none of which the
// login page shows (each kilobyte is 5 ms at 1.6 Mbps on a first visit).
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { FileTextOutlined, HomeOutlined, LockOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, errorText } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { AuthPanel } from '../components/AuthPanel';
import { CommitteeField, committeesToChoose, type Committee } from '../components/CommitteeField';
import { heading } from '../components/ErrorPanel';
import { preloadAfterLogin } from '../afterLogin';

interface LoginValues {
  username: string;
  password: string;
  org?: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [committees, setCommittees] = useState<Committee[] | null>(null);
  const [form] = Form.useForm<LoginValues>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={from} replace />;

  const onFinish = async ({ username, password, org }: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password, committees ? org : undefined);
      navigate(from, { replace: true });
    } catch (err) {
      const choices = committeesToChoose(err);
      if (choices) {
        setCommittees(choices);
        form.setFieldValue('org', undefined);
        return;
      }
      // The server explains: wrong username or password (401) or too many tries, with the wait (429).
      const detail = errorText(err);
      const title = err instanceof ApiError && err.title && err.title !== detail ? err.title : t('login.failed');
      setError({ title, detail });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    // (a plain panel rather than antd's Card, whose tabs and their menu the login page does not need)
    <AuthPanel maxWidth={380}>
      <Flex vertical align="center" style={{ marginBottom: 24 }}>
        <h2 style={heading(token, 2, { margin: 0, color: token.colorPrimary })}>{t('app.name')}</h2>
        <span style={{ color: token.colorTextSecondary }}>{t('app.tagline')}</span>
      </Flex>
      <h4 style={heading(token, 4, { marginTop: 0 })}>{t('login.title')}</h4>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.title}
          description={error.detail !== error.title ? error.detail : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      {committees && !error && (
        <Alert type="info" showIcon title={t('login.chooseCommittee')} style={{ marginBottom: 16 }} />
      )}
      <Form<LoginValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        // The committees belong to the username they were given for.
        onValuesChange={(changed) => { preloadAfterLogin(); if ('username' in changed) setCommittees(null); }}
        requiredMark={false}
        disabled={submitting}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {committees && <CommitteeField committees={committees} />}
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('login.submit')}
        </Button>
      </Form>
      <Flex justify="center" gap={16} wrap style={{ marginTop: 16 }}>
        <Link to="/register" state={location.state}>{t('register.link')}</Link>
        <Link to="/">
          <HomeOutlined /> {t('nav.publicHome')}
        </Link>
        <Link to="/public/proposals">
          <FileTextOutlined /> {t('nav.publicProposals')}
        </Link>
        <Link to="/public/consultations">
          <TeamOutlined /> {t('nav.publicConsultations')}
        </Link>
      </Flex>
    </AuthPanel>
  );
}
