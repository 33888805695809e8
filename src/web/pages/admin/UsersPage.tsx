import { Divider, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { CrudPage } from '../../components/CrudPage';
import type { CrudPageConfig, FormMode } from '../../components/CrudPage';
import { MemberSelect } from '../../components/MemberSelect';
import { RoleTags } from '../../components/RoleTags';
import { TokenTable } from '../../components/TokenTable';
import { passwordRules } from '../../components/ChangePasswordForm';
import { useI18n } from '../../i18n';
import { keys, useUnitOptions } from '../../queries';
import { ALL_ROLES } from '../../types';
import type { Role, UserAccount } from '../../types';

function UnitName({ id }: { id: string }) {
  const units = useUnitOptions();
  return <>{units.data?.find((u) => u.id === id)?.name ?? id}</>;
}

function UserFields({ mode, username }: { mode: FormMode; username?: string }) {
  const { t } = useI18n();
  const units = useUnitOptions();
  const roles = Form.useWatch<Role[] | undefined>('roles');
  const typedUsername = Form.useWatch<string | undefined>('username');
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <>
      {mode === 'create' && (
        <Form.Item
          name="username"
          label={t('user.username')}
          rules={[required(t('user.username')), { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('user.usernameInvalid') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
      )}
      <Form.Item
        name="password"
        label={t(mode === 'create' ? 'user.password' : 'user.temporaryPassword')}
        // A new password set here is temporary: the user changes it right after signing in.
        extra={mode === 'create' ? t('password.policy') : `${t('password.policy')}${t('user.temporaryHint')}`}
        rules={[...(mode === 'create' ? [required(t('user.password'))] : []), ...passwordRules(t, () => username ?? typedUsername)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="displayName" label={t('user.displayName')}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="roles" label={t('user.roles')} rules={[{ ...required(t('user.roles')), type: 'array', min: 1 }]}>
        <Select mode="multiple" options={ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      <Form.Item
        name="memberId"
        label={t('user.member')}
        rules={roles?.includes('member') ? [{ required: true, message: t('user.memberRequired') }] : []}
      >
        <MemberSelect />
      </Form.Item>
      {(roles?.includes('unit') || mode === 'edit') && (
        <Form.Item
          name="unitId"
          label={t('user.unit')}
          rules={roles?.includes('unit') ? [{ required: true, message: t('user.unitRequired') }] : []}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      )}
    </>
  );
}

/** The login's API tokens, which an administrator may revoke. */
function UserTokens({ userId }: { userId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Divider titlePlacement="start">{t('user.tokens')}</Divider>
      <Typography.Paragraph type="secondary">{t('user.tokensIntro')}</Typography.Paragraph>
      <TokenTable url={`/api/v1/users/${userId}/tokens`} queryKey={[...keys.users, userId, 'tokens']} />
    </>
  );
}

const config: CrudPageConfig<UserAccount> = {
  resource: '/api/v1/users',
  exportable: true,
  queryKey: keys.users,
  title: 'user.title',
  entity: 'user.entity',
  searchPlaceholder: 'user.searchPlaceholder',
  columns: ({ t }) => [
    {
      title: t('user.username'),
      dataIndex: 'username',
      key: 'username',
      render: (username: string, u: UserAccount) => (
        <Space size={4} wrap>
          {username}
          {u.mustChangePassword && <Tag color="orange">{t('user.mustChange')}</Tag>}
        </Space>
      ),
    },
    { title: t('user.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('user.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('user.member') + ' / ' + t('user.unit'),
      key: 'link',
      render: (_: unknown, u: UserAccount) => (
        <Space size={4} wrap>
          {u.memberId && <Link to={`/members/${u.memberId}`}>{t('member.profile')}</Link>}
          {u.unitId && <UnitName id={u.unitId} />}
        </Space>
      ),
    },
  ],
  renderFields: (mode, record) => (
    <>
      <UserFields mode={mode} username={record?.username} />
      {mode === 'edit' && record && <UserTokens userId={record.id} />}
    </>
  ),
  toFormValues: (u) => ({
    displayName: u.displayName,
    roles: u.roles,
    memberId: u.memberId,
    unitId: u.unitId,
  }),
  toBody: (v, mode) => {
    const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
    const body: Record<string, unknown> = {
      roles: v.roles,
      displayName: text(v.displayName),
    };
    if (mode === 'create') {
      body.username = text(v.username);
      body.password = v.password;
      if (v.memberId) body.memberId = v.memberId;
      if (v.unitId) body.unitId = v.unitId;
    } else {
      // null unlinks; an empty password field keeps the password.
      body.memberId = v.memberId ?? null;
      body.unitId = v.unitId ?? null;
      if (text(v.password)) body.password = v.password;
    }
    return body;
  },
  createDefaults: { roles: ['member'] },
  displayName: (u) => u.displayName || u.username,
  canDeactivate: (u, me) => u.id !== me.id,
};

export default function UsersPage() {
  return <CrudPage config={config} />;
}
