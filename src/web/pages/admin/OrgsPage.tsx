// 下级政协: the committees one level below mine — set up, edited, deactivated and reactivated here —
// and each one's first admin (a new one, or a reset password), whose temporary password shows once.
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../api';
import { useUser } from '../../auth';
import { CrudPage } from '../../components/CrudPage';
import type { CrudPageConfig } from '../../components/CrudPage';
import { FormModal } from '../../components/FormModal';
import { passwordRules } from '../../components/ChangePasswordForm';
import { useI18n } from '../../i18n';
import { keys, useOrgs } from '../../queries';
import type { ChildOrg, OrgLevel, UserAccount } from '../../types';

const LEVELS: OrgLevel[] = ['national', 'provincial', 'city', 'county'];
const levelBelow = (level: OrgLevel | undefined) => (level ? LEVELS[LEVELS.indexOf(level) + 1] : undefined);

function OrgFields({ below }: { below?: OrgLevel }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label={t('org.level')}>
        <Select disabled options={(below ? [below] : LEVELS).map((l) => ({ value: l, label: t(`org.level.${l}`) }))} />
      </Form.Item>
      <Form.Item name="code" label={t('org.code')} extra={t('org.codeHint')} rules={[{ pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('org.codeInvalid') }]}>
        <Input maxLength={32} />
      </Form.Item>
      <Form.Item name="region" label={t('org.region')}>
        <Input maxLength={100} />
      </Form.Item>
    </>
  );
}

interface AdminResult { user: UserAccount; created: boolean; password?: string }
interface AdminValues { username: string; displayName?: string; password?: string }

/** Opens (or resets) the admin of a committee below; the answer's password is shown once. */
function AdminModal({ org, onClose }: { org: ChildOrg | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<{ org: ChildOrg; result: AdminResult; password: string } | null>(null);
  const [typed, setTyped] = useState<string>();
  const save = useMutation({
    mutationFn: ({ id, body }: { id: string; body: AdminValues }) => api.post<AdminResult>(`/api/v1/orgs/${id}/admin`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.orgs }),
  });
  return (
    <>
      <FormModal<AdminValues, AdminResult>
        title={org ? t('org.setAdminTitle', { name: org.name }) : ''}
        open={!!org}
        onClose={onClose}
        submitting={save.isPending}
        intro={<Typography.Paragraph type="secondary">{t('org.setAdminIntro')}</Typography.Paragraph>}
        initialValues={{ username: org?.admins[0] ?? '' }}
        submit={(v) => {
          setTyped(v.password || undefined);
          const text = (x?: string) => (x?.trim() ? x.trim() : undefined);
          return save.mutateAsync({ id: org!.id, body: { username: v.username.trim(), displayName: text(v.displayName), password: text(v.password) } });
        }}
        done={(r) => t(r.created ? 'org.adminDone' : 'org.adminResetDone')}
        onDone={(r) => setShown({ org: org!, result: r, password: r.password ?? typed ?? '' })}
      >
        <AdminFields />
      </FormModal>
      <Modal
        open={!!shown}
        title={shown ? t(shown.result.created ? 'org.adminDone' : 'org.adminResetDone') : ''}
        onCancel={() => setShown(null)}
        footer={<Button type="primary" onClick={() => setShown(null)}>{t('common.close')}</Button>}
      >
        {shown && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon message={t('org.adminShowOnce')} />
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('org.committee')}>{shown.org.name}</Descriptions.Item>
              <Descriptions.Item label={t('org.adminUsername')}>
                <Typography.Text copyable={{ tooltips: [t('common.copy'), t('common.saved')] }} data-testid="admin-username">{shown.result.user.username}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('org.adminPasswordShown')}>
                <Typography.Text code copyable={{ tooltips: [t('common.copy'), t('common.saved')] }} data-testid="admin-password">{shown.password}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Space>
        )}
      </Modal>
    </>
  );
}

function AdminFields() {
  const { t } = useI18n();
  const username = Form.useWatch<string | undefined>('username');
  return (
    <>
      <Form.Item
        name="username"
        label={t('user.username')}
        rules={[{ required: true, message: t('common.required', { field: t('user.username') }) }, { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('user.usernameInvalid') }]}
      >
        <Input autoComplete="off" maxLength={64} />
      </Form.Item>
      <Form.Item name="displayName" label={t('user.displayName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="password" label={t('org.adminPassword')} extra={`${t('org.adminPasswordHint')}${t('password.policy')}`} rules={passwordRules(t, () => username)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

export default function OrgsPage() {
  const { t } = useI18n();
  const user = useUser();
  const orgs = useOrgs();
  const below = levelBelow(orgs.data?.find((o) => o.id === user.orgId)?.level);
  const [adminOf, setAdminOf] = useState<ChildOrg | null>(null);
  const config = useMemo<CrudPageConfig<ChildOrg>>(() => ({
    resource: '/api/v1/orgs',
    listResource: '/api/v1/orgs/children',
    queryKey: keys.orgs,
    title: 'org.title',
    entity: 'org.entity',
    intro: 'org.intro',
    searchPlaceholder: 'org.searchPlaceholder',
    exportable: true,
    columns: ({ t: tr }) => [
      { title: tr('common.name'), dataIndex: 'name', key: 'name' },
      { title: tr('org.code'), dataIndex: 'code', key: 'code', render: (v: string | null) => v ?? tr('common.none') },
      { title: tr('org.region'), dataIndex: 'region', key: 'region', render: (v: string | null) => v ?? tr('common.none') },
      {
        title: tr('org.admins'), dataIndex: 'admins', key: 'admins',
        render: (admins: string[]) => (admins.length ? <Space size={4} wrap>{admins.map((a) => <Tag key={a}>{a}</Tag>)}</Space> : <Typography.Text type="secondary">{tr('org.noAdmin')}</Typography.Text>),
      },
    ],
    renderFields: () => <OrgFields below={below} />,
    toFormValues: (o) => ({ name: o.name, level: o.level, code: o.code, region: o.region }),
    toBody: (v, mode) => {
      const text = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
      return { name: String(v.name ?? '').trim(), code: text(v.code), region: text(v.region), ...(mode === 'create' ? { level: below } : {}) };
    },
    createDefaults: { level: below },
    displayName: (o) => o.name,
    rowActions: (o) => o.active && (
      <Button type="link" size="small" onClick={() => setAdminOf(o)}>{t('org.setAdmin')}</Button>
    ),
  }), [below, t]);
  return (
    <>
      <CrudPage config={config} />
      <AdminModal org={adminOf} onClose={() => setAdminOf(null)} />
    </>
  );
}
