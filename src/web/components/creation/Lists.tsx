// The 双创 lists as a page shows them (tables on desktop, cards on phones): 五送 activities,
// 三个一 pairings, honours, exchange meetings.
import { Card, Descriptions, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '../../i18n';
import type { Translate } from '../../i18n';
import type { Page } from '../../types';
import { ResponsiveList } from '../ResponsiveList';
import type { Activity, Exchange, Honour, Pairing } from './model';

interface Spec<T> { columns: (t: Translate, formatDate: (d: string) => string) => { key: string; title: string; render: (r: T) => React.ReactNode }[]; title: (r: T, t: Translate) => React.ReactNode; empty: Parameters<Translate>[0] }

const SPECS = {
  activities: {
    title: (a, t) => <><Tag color="magenta">{t(`creation.activity.${a.kind}`)}</Tag>{a.place}</>,
    empty: 'creation.noActivities',
    columns: (t, formatDate) => [
      { key: 'kind', title: t('creation.activityKind'), render: (a) => <Tag color="magenta">{t(`creation.activity.${a.kind}`)}</Tag> },
      { key: 'date', title: t('creation.date'), render: (a) => formatDate(a.date) },
      { key: 'place', title: t('creation.place'), render: (a) => [a.place, a.countyName].filter(Boolean).join(' · ') },
      { key: 'members', title: t('creation.members'), render: (a) => a.memberNames.join(t('common.listSep')) },
      { key: 'beneficiaries', title: t('creation.beneficiaries'), render: (a) => a.beneficiaries },
      { key: 'summary', title: t('creation.summary'), render: (a) => a.summary || t('common.none') },
    ],
  } satisfies Spec<Activity>,
  pairings: {
    title: (p) => `${p.memberName} · ${p.householdName}`,
    empty: 'creation.noPairings',
    columns: (t, formatDate) => [
      { key: 'member', title: t('creation.member'), render: (p) => p.memberName },
      { key: 'household', title: t('creation.household'), render: (p) => [p.householdName, p.householdPlace].filter(Boolean).join(' · ') },
      { key: 'thing', title: t('creation.practicalThing'), render: (p) => p.practicalThing || t('common.none') },
      { key: 'suggestion', title: t('creation.suggestion'), render: (p) => p.suggestion || t('common.none') },
      { key: 'pairedOn', title: t('creation.pairedOn'), render: (p) => formatDate(p.pairedOn) },
    ],
  } satisfies Spec<Pairing>,
  honours: {
    title: (h) => `${h.memberName} · ${h.title}`,
    empty: 'creation.noHonours',
    columns: (t, formatDate) => [
      { key: 'member', title: t('creation.member'), render: (h) => h.memberName },
      { key: 'title', title: t('creation.title'), render: (h) => h.title },
      { key: 'level', title: t('creation.honourLevel'), render: (h) => <Tag>{t(`creation.honourLevel.${h.level}`)}</Tag> },
      { key: 'awardedBy', title: t('creation.awardedBy'), render: (h) => h.awardedBy },
      { key: 'date', title: t('creation.date'), render: (h) => formatDate(h.date) },
    ],
  } satisfies Spec<Honour>,
  exchanges: {
    title: (e) => e.topic,
    empty: 'creation.noExchanges',
    columns: (t, formatDate) => [
      { key: 'topic', title: t('creation.topic'), render: (e) => e.topic },
      { key: 'date', title: t('creation.date'), render: (e) => formatDate(e.date) },
      { key: 'place', title: t('creation.place'), render: (e) => e.place },
      { key: 'attendees', title: t('creation.attendees'), render: (e) => e.attendees },
    ],
  } satisfies Spec<Exchange>,
};
type Kind = keyof typeof SPECS;
type Row<K extends Kind> = { activities: Activity; pairings: Pairing; honours: Honour; exchanges: Exchange }[K];

export function CreationList<K extends Kind>({ kind, query, paging }: {
  kind: K; query: UseQueryResult<Page<Row<K>>>; paging?: { page: number; pageSize: number; onChange: (page: number, pageSize: number) => void };
}) {
  const { t, formatDate } = useI18n();
  const spec = SPECS[kind] as unknown as Spec<Row<K>>;
  const cols = spec.columns(t, formatDate);
  const columns: TableColumnsType<Row<K>> = cols.map((c) => ({ key: c.key, title: c.title, render: (_: unknown, r: Row<K>) => c.render(r) }));
  return (
    <ResponsiveList<Row<K>>
      items={query.data?.items ?? []}
      rowKey="id"
      columns={columns}
      query={query}
      emptyText={t(spec.empty)}
      paging={paging && { ...paging, total: query.data?.total ?? 0 }}
      renderCard={(r) => (
        <Card size="small" title={spec.title(r, t)}>
          <Descriptions size="small" column={1} items={cols.slice(1).map((c) => ({ key: c.key, label: c.title, children: c.render(r) }))} />
        </Card>
      )}
    />
  );
}
