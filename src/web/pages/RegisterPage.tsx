// 注册网民账号: a public account registers itself and is signed in, then takes part in online
// consultation (网络议政), proposes and supports topics (开门式选题) and keeps favourite documents. The server states the password policy; its refusals name the field.
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, errorText } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { AuthPanel } from '../components/AuthPanel';
import { CommitteeField, committeesToChoose, type Committee } from '../components/CommitteeField';

interface Values { username: string; displayName: string; password: string; confirm: string; org?: string }

export default function RegisterPage() {
  const { t } = useI18n();
  const { user, register } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Where the server hosts several committees: chosen here from the start, the one the visitor came
  // from (a consultation's page names its committee), else the deployment's own, listed first.
  const state = location.state as { from?: string; org?: string } | null;
  const hosted = useQuery({
    queryKey: ['orgs', 'public'],
    queryFn: ({ signal }) => api.get<{ items: Committee[]; defaultId: string | null }>('/api/v1/orgs/public', undefined, signal),
    staleTime: 5 * 60_000,
  });
  // (or as a refusal names them, should the list not have come)
  const [refused, setCommittees] = useState<Committee[] | null>(null);
  const committees = (hosted.data?.items.length ?? 0) > 1 ? hosted.data!.items : refused;
  const initialOrg = state?.org ?? hosted.data?.defaultId ?? undefined;
  // Back where the visitor came from (a page that asked for a login), else the portal.
  const from = state?.from ?? '/';
  if (user) return <Navigate to={from} replace />;

  const onFinish = async ({ username, displayName, password, org }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await register({ username: username.trim(), displayName: displayName.trim(), password, org: org ?? state?.org });
      navigate(from, { replace: true });
    } catch (err) {
      // A refused field shows under it; anything else above the form.
      const choices = committeesToChoose(err);
      if (choices) {
        setCommittees(choices);
        return;
      }
      const fields = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      const named = fields.map((e) => ({ name: e.path.replace(/^\//, '') as keyof Values, errors: [e.message] }))
        .filter((f) => ['username', 'displayName', 'password'].includes(f.name));
      if (named.length) form.setFields(named);
      else setError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthPanel maxWidth={380}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('register.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={t('register.failed')} description={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item name="username" label={t('login.username')} extra={t('register.usernameHint')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }, { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('register.usernameHint') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true, whitespace: true, message: t('register.displayNameRequired') }, { max: 50 }]}>
            <Input autoComplete="nickname" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} extra={t('register.passwordHint')}
            rules={[{ required: true, message: t('login.passwordRequired') }, { min: 8, max: 200, message: t('register.passwordHint') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('register.confirm')} dependencies={['password']}
            rules={[{ required: true, message: t('login.passwordRequired') },
              ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch')))) })]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          {committees && <CommitteeField committees={committees} initial={committees.some((c) => c.id === initialOrg) ? initialOrg : undefined} />}
          <Button type="primary" htmlType="submit" block loading={submitting}>{t('register.submit')}</Button>
        </Form>
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Link to="/login" state={location.state}>{t('register.haveAccount')}</Link>
        </Flex>
    </AuthPanel>
  );
}
