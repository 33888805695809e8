// The password change form, on my account page and on the page an administrator's reset leads to.
// It states the policy; the server enforces it and names the field it refuses.
import { useState } from 'react';
import { Alert, Button, Form, Input, type FormRule } from 'antd';
import { useAuth } from '../auth';
import { useI18n, type Translate } from '../i18n';
import type { User } from '../types';
import { applyServerErrors } from './formErrors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The policy as form rules (the server's password-policy.ts): 8 characters, letters and digits, not the username. */
export function passwordRules(t: Translate, username: () => string | undefined): FormRule[] {
  return [
    { min: 8, message: t('password.tooShort') },
    { max: 200 },
    { validator: async (_, v?: string) => { if (v && !(/\p{L}/u.test(v) && /\p{Nd}/u.test(v))) throw new Error(t('password.needsBoth')); } },
    { validator: async (_, v?: string) => { if (v && v.toLowerCase() === username()?.toLowerCase()) throw new Error(t('password.notUsername')); } },
  ];
}

export function ChangePasswordForm({ user, temporary, onChanged }: { user: User; temporary?: boolean; onChanged: (user: User) => void }) {
  const { t } = useI18n();
  const { changePassword } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setSaving(true);
    setError(null);
    try {
      const changed = await changePassword(currentPassword, newPassword);
      form.resetFields();
      onChanged(changed);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={saving} style={{ maxWidth: 420 }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {/* The username, for password managers. */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <Form.Item
        name="currentPassword"
        label={t(temporary ? 'password.temporary' : 'password.current')}
        rules={[required(t(temporary ? 'password.temporary' : 'password.current'))]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.policy')}
        rules={[required(t('password.new')), ...passwordRules(t, () => user.username)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          required(t('password.confirm')),
          ({ getFieldValue }) => ({
            validator: async (_, v?: string) => { if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch')); },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
