// The committee the public pages read, in a deployment of several (a city and its counties): a visitor
// chooses it here, it is kept in the address (?org=<id>, so a link shows the same committee) and every
// public list, search and download of the page asks for it (orgId). Without ?org= the server reads the
// deployment's own committee (org/visitor.ts), which the chooser shows as chosen. A login reads its own
// committee: the chooser only names it.
import { useSearchParams } from 'react-router-dom';
import { Flex, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';

interface PublicOrg { id: string; name: string; level: string; parentId: string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ?org= of the address, when it is a committee's id. */
function chosenIn(params: URLSearchParams): string | undefined {
  const org = params.get('org');
  return org && UUID.test(org) ? org : undefined;
}

/** The committee the page's public requests name (orgId): a login's own, a visitor's choice, or none (the server's default). */
export function usePublicOrgId(): string | undefined {
  const { user } = useAuth();
  const [params] = useSearchParams();
  return user ? user.orgId : chosenIn(params);
}

/** A link between public pages that keeps the visitor's committee. */
export function useOrgPath(): (path: string) => string {
  const [params] = useSearchParams();
  const org = chosenIn(params);
  return (path) => (org ? `${path}${path.includes('?') ? '&' : '?'}org=${org}` : path);
}

/** The chooser (visitors; shown when there is more than one committee), or a login's committee named. */
export function PublicOrgChooser({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const orgs = useQuery({
    queryKey: ['orgs', 'public'],
    queryFn: ({ signal }) => api.get<{ items: PublicOrg[]; defaultId: string | null }>('/api/v1/orgs/public', undefined, signal),
    enabled: !user,
    staleTime: 5 * 60_000,
  });
  if (user) {
    return <Typography.Text type="secondary" data-testid="public-org" style={{ whiteSpace: 'nowrap' }}>{user.orgName}</Typography.Text>;
  }
  const items = orgs.data?.items ?? [];
  if (items.length < 2) return null;
  const depth = (o: PublicOrg) => {
    let d = 0;
    for (let p = items.find((x) => x.id === o.parentId); p && d < 4; p = items.find((x) => x.id === p!.parentId)) d++;
    return d;
  };
  const top = Math.min(...items.map(depth));
  const choose = (id: string) =>
    // Another committee: its own sessions, categories and pages; only the words searched stay.
    setParams((prev) => {
      const next = new URLSearchParams();
      const q = prev.get('q');
      if (q) next.set('q', q);
      next.set('org', id);
      return next;
    });
  return (
    <Flex align="center" gap={8} style={{ minWidth: 0 }}>
      {!compact && <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('org.public.choose')}</Typography.Text>}
      <Select
        aria-label={t('org.public.choose')}
        data-testid="public-org"
        size={compact ? 'small' : undefined}
        value={chosenIn(params) ?? orgs.data?.defaultId ?? undefined}
        onChange={choose}
        showSearch
        optionFilterProp="label"
        popupMatchSelectWidth={false}
        style={{ width: compact ? 150 : 200, textAlign: 'start' }}
        options={items.map((o) => ({ value: o.id, label: o.name, title: o.name, style: { paddingInlineStart: 12 + 16 * (depth(o) - top) } }))}
      />
    </Flex>
  );
}
