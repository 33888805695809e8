// The committee to choose, when the server answers that the request needs one and names them
// (a username in several committees at login; registering where several are hosted).
import { lazy, Suspense } from 'react';
import { Form } from 'antd';
import { ApiError } from '../api';
import { useI18n } from '../i18n';

// antd's Select comes only when the picker shows (rare): the login page loads first on every visit.
const Select = lazy(() => import('antd/es/select'));

export interface Committee {
  id: string;
  name: string;
}

/** The committees a refusal offers to choose from (its problem's `orgs`), or null. */
export function committeesToChoose(err: unknown): Committee[] | null {
  if (!(err instanceof ApiError)) return null;
  const orgs = (err.problem as { orgs?: Committee[] }).orgs;
  return Array.isArray(orgs) && orgs.length > 1 ? orgs : null;
}

/** The form's `org` field: a required choice among these committees (`initial` chosen; focused when asked for after a refusal). */
export function CommitteeField({ committees, initial }: { committees: Committee[]; initial?: string }) {
  const { t } = useI18n();
  return (
    <Suspense>
      <Form.Item name="org" label={t('login.committee')} initialValue={initial} rules={[{ required: true, message: t('login.committeeRequired') }]}>
        <Select autoFocus={!initial} options={committees.map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
    </Suspense>
  );
}
