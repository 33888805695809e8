// 本级 / 含下级: the switch of the statistics, the 四双 report, the dashboard and the consultations and
// library lists between a committee's own figures or rows and those rolled up with the active
// committees below it (scope=tree: the server's org/oversight.ts and org/rollup.ts). Shown only to
// whoever may oversee (office and leaders: org.oversee) of a committee that has committees below;
// the server gives everyone else their own anyway.
import { Card, Flex, Segmented, Table, Typography } from 'antd';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useOrgs } from '../queries';

export const SCOPES = ['own', 'tree'] as const;
export type Scope = (typeof SCOPES)[number];
const OVERSEE = ['admin', 'staff', 'leader'];

/**
 * Whether the caller may switch to 含下级: it oversees, and its committee has active committees below.
 * A visitor or a member asks nothing (the committee tree is read by the office and leaders only, and a
 * visitor's 401 would send them to the login page).
 */
export function useCanRollUp(): boolean {
  const { user } = useAuth();
  const oversees = !!user && user.roles.some((r) => OVERSEE.includes(r));
  const orgs = useOrgs(oversees).data ?? [];
  return oversees && orgs.some((o) => o.id !== user.orgId && o.active);
}

/** The switch, and under 含下级 the committees the figures add up (when known). */
export function ScopeSwitch({ value, onChange, committees }: { value: Scope; onChange: (s: Scope) => void; committees?: string[] }) {
  const { t } = useI18n();
  return (
    <Flex wrap gap={8} align="center">
      <Segmented<Scope> aria-label={t('stats.scope')} value={value} onChange={onChange} options={SCOPES.map((s) => ({ value: s, label: t(`stats.scope.${s}`) }))} />
      {value === 'tree' && committees && committees.length > 0 && (
        <Typography.Text type="secondary" style={{ minWidth: 0 }}>{t('stats.scope.committees', { names: committees.join(t('common.listSep')) })}</Typography.Text>
      )}
    </Flex>
  );
}

/**
 * Under 含下级, a list whose totals add up the committees below while its rows stay the caller's own
 * (the 双联 counters and compliance board, the council rooms' figures): each committee's totals
 * (`byOrg` of the response) and their sum, with a line saying the rows below are this level's.
 */
export function ByOrgCard<K extends string>({ rows, total, fields }: { rows: ({ orgId: string; org: string } & Record<K, number>)[]; total: Record<K, number>; fields: { key: K; label: string }[] }) {
  const { t } = useI18n();
  type Row = { orgId: string; org: string } & Record<K, number>;
  return (
    <Card size="small" title={t('stats.scope.byOrg')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('stats.scope.rowsOwn')}</Typography.Text>
        <Table<Row> rowKey="orgId" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={rows}
          columns={[{ title: t('proposal.stats.by.org'), key: 'org', dataIndex: 'org' }, ...fields.map((f) => ({ title: f.label, key: f.key, dataIndex: f.key, align: 'right' as const }))]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><Typography.Text strong>{t('liaison.stats.total')}</Typography.Text></Table.Summary.Cell>
              {fields.map((f, i) => <Table.Summary.Cell key={f.key} index={i + 1} align="right"><Typography.Text strong>{total[f.key]}</Typography.Text></Table.Summary.Cell>)}
            </Table.Summary.Row>
          )} />
      </Flex>
    </Card>
  );
}
