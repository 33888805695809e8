// 本级 / 含下级: a committee with active committees below it switches a list or a statistic between
// its own rows and those rolled up with theirs (scope=tree, org/oversight.ts on the server). Shown
// to the office and leaders only, and only where there is a committee below.
import { Segmented } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useOrgs } from '../queries';

export const SCOPES = ['own', 'tree'] as const;
export type Scope = (typeof SCOPES)[number];

/** Whether the caller's committee has an active committee below it. */
export function useHasBelow(): boolean {
  const { user } = useAuth();
  return (useOrgs().data ?? []).some((o) => o.id !== user?.orgId && o.active);
}

export function ScopeSwitch(props: { value: Scope; onChange: (v: Scope) => void }) {
  const { hasRole } = useAuth();
  // (A visitor or a member asks nothing: the committee tree is read by the office and leaders only.)
  return hasRole('staff', 'admin', 'leader') ? <OfficeScopeSwitch {...props} /> : null;
}

function OfficeScopeSwitch({ value, onChange }: { value: Scope; onChange: (v: Scope) => void }) {
  const { t } = useI18n();
  if (!useHasBelow()) return null;
  return <Segmented<Scope> aria-label={t('stats.scope')} value={value} onChange={onChange} options={SCOPES.map((s) => ({ value: s, label: t(`stats.scope.${s}`) }))} />;
}
