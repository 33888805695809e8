// 我的账户: who I am, my password, and my API tokens (list with expiry, create for a chosen time — shown once — and revoke).
// (A public account's 我的账户 is PublicAccountPage: the first two.)
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorText } from '../api';
import { ME_KEY, useAuth, useUser } from '../auth';
import { useI18n } from '../i18n';
import { keys, useMemberships } from '../queries';
import { CommitteeField, committeesToChoose, type Committee } from '../components/CommitteeField';
import { PageHeader } from '../components/PageHeader';
import { RoleTags } from '../components/RoleTags';
import { applyServerErrors } from '../components/formErrors';
import { TokenTable } from '../components/TokenTable';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

interface CreatedToken {
  id: string;
  name: string;
  expiresAt: string;
  token: string;
}

/** Validity choices in days (the server allows 1–366; 90 when none is given). */
const VALIDITY_DAYS = [7, 30, 90, 180, 366] as const;

export default function AccountPage() {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [createOpen, setCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Flex vertical gap={16}>
        <ProfileCard />

        <MembershipsCard />

        <PasswordCard
          // Its tokens were revoked with the old password.
          onChanged={() => void queryClient.invalidateQueries({ queryKey: keys.tokens })}
        />

        <Card
          title={t('account.tokens')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('account.createToken')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('account.tokensIntro')}</Typography.Paragraph>
          {created && (
            <Alert
              type="success"
              showIcon
              icon={<KeyOutlined />}
              closable={{ onClose: () => setCreated(null), 'aria-label': t('common.close') }}
              title={t('account.tokenCreatedNamed', { name: created.name })}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>
                    {t('account.tokenOnce')} {t('account.expiresOn', { time: formatDateTime(created.expiresAt) })}
                  </Typography.Paragraph>
                  <Typography.Paragraph
                    code
                    copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.saved')] }}
                    style={{ wordBreak: 'break-all', marginBottom: 0 }}
                    aria-label={t('account.tokens')}
                  >
                    {created.token}
                  </Typography.Paragraph>
                </>
              }
              style={{ marginBottom: 16 }}
            />
          )}
          <TokenTable url="/api/v1/auth/tokens" queryKey={keys.tokens} />
        </Card>
      </Flex>

      <CreateTokenModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        onCreated={(tok) => {
          setCreateOpen(false);
          setCreated(tok);
          void queryClient.invalidateQueries({ queryKey: keys.tokens });
        }}
      />
    </>
  );
}

function CreateTokenModal(props: { open: boolean; onClose: () => void; onCreated: (tok: CreatedToken) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays: number }) => api.post<CreatedToken>('/api/v1/auth/tokens', body),
    onSuccess: (tok) => {
      form.resetFields();
      props.onCreated(tok);
    },
    onError: (err) => setError(applyServerErrors(form, err)),
  });
  return (
    <Modal
      open={props.open}
      title={t('account.createToken')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ expiresInDays: 90 }}
        onFinish={({ name, expiresInDays }) => {
          setError(null);
          create.mutate({ name: name.trim(), expiresInDays });
        }}
      >
        <Form.Item
          name="name"
          label={t('account.tokenName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('account.tokenName') }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t('account.validity')} extra={t('account.validityHint')}>
          <Select options={VALIDITY_DAYS.map((n) => ({ value: n, label: t('account.days', { n }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 我的政协: the committees of the account (core/auth/accounts.ts), each with its roles, a switch to
 * the others, linking a login of another committee by its username and password, and unlinking one.
 */
function MembershipsCard() {
  const user = useUser();
  const { switchOrg } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const memberships = useMemberships(user.id);
  const [form] = Form.useForm<{ username: string; password: string; org?: string }>();
  const [committees, setCommittees] = useState<Committee[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const link = useMutation({
    mutationFn: (body: { username: string; password: string; org?: string }) => api.post('/api/v1/auth/memberships', body),
    onSuccess: () => {
      form.resetFields();
      setCommittees(null);
      message.success(t('memberships.linked'));
      void queryClient.invalidateQueries({ queryKey: keys.memberships(user.id) });
      void queryClient.invalidateQueries({ queryKey: ME_KEY, exact: true }); // now linked: the header's switch
    },
    onError: (err) => {
      const choices = committeesToChoose(err);
      if (choices) {
        setCommittees(choices);
        return;
      }
      setError(applyServerErrors(form, err));
    },
  });
  const unlink = useMutation({
    mutationFn: (orgId: string) => api.del(`/api/v1/auth/memberships/${orgId}`),
    onSuccess: () => {
      message.success(t('memberships.unlinked'));
      void queryClient.invalidateQueries({ queryKey: keys.memberships(user.id) });
      void queryClient.invalidateQueries({ queryKey: ME_KEY, exact: true });
    },
    onError: (err) => message.error(errorText(err)),
  });
  const onSwitch = async (orgId: string) => {
    try {
      const next = await switchOrg(orgId);
      message.success(t('committee.switched', { name: next.orgName }));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card title={t('memberships.title')}>
      <Typography.Paragraph type="secondary">{t('memberships.intro')}</Typography.Paragraph>
      <List
        dataSource={memberships.data?.items ?? []}
        loading={memberships.isPending}
        renderItem={(m) => (
          <List.Item
            actions={m.current ? [<Tag key="current" color="blue">{t('memberships.current')}</Tag>] : [
              <Button key="switch" size="small" onClick={() => void onSwitch(m.orgId)}>{t('memberships.switch')}</Button>,
              <Popconfirm key="unlink" title={t('memberships.unlinkConfirm', { name: m.orgName })} onConfirm={() => unlink.mutateAsync(m.orgId).catch(() => undefined)}>
                <Button size="small" danger loading={unlink.isPending && unlink.variables === m.orgId}>{t('memberships.unlink')}</Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta title={m.orgName} description={<Flex wrap gap={4}><span>{m.username}</span><RoleTags roles={m.roles} /></Flex>} />
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('memberships.linkTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('memberships.linkIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        onFinish={({ username, password, org }) => {
          setError(null);
          link.mutate({ username: username.trim(), password, ...(committees && org ? { org } : {}) });
        }}
      >
        <Form.Item name="username" label={t('user.username')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('user.username') }) }]}>
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
          <Input.Password autoComplete="off" maxLength={200} />
        </Form.Item>
        {committees && <CommitteeField committees={committees} />}
        <Button type="primary" htmlType="submit" loading={link.isPending}>
          {t('memberships.link')}
        </Button>
      </Form>
    </Card>
  );
}

/** Who I am: username, name, committee, roles (and my member record). */
export function ProfileCard() {
  const user = useUser();
  const { t } = useI18n();
  return (
    <Card title={t('account.profile')}>
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'username', label: t('user.username'), children: user.username },
          { key: 'displayName', label: t('user.displayName'), children: user.displayName || t('common.none') },
          { key: 'org', label: t('account.org'), children: user.orgName },
          { key: 'roles', label: t('user.roles'), children: <RoleTags roles={user.roles} /> },
          ...(user.memberId
            ? [{ key: 'member', label: t('home.myProfile'), children: <Link to={`/members/${user.memberId}`}>{t('member.profile')}</Link> }]
            : []),
        ]}
      />
    </Card>
  );
}

/** My password, changed with the current one. */
export function PasswordCard({ onChanged }: { onChanged?: () => void }) {
  const user = useUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Card title={t('password.title')}>
      <Typography.Paragraph type="secondary">{t('password.intro')}</Typography.Paragraph>
      <ChangePasswordForm user={user} onChanged={() => { message.success(t('password.changed')); onChanged?.(); }} />
    </Card>
  );
}
