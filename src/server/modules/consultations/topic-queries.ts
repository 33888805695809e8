import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { outer, type Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { members, units } from '../org/schema.ts';
import { consultationPlanItems, consultations, consultationTopics as topics, consultationTopicSupports as supports } from './schema.ts';
import { isInsider, topicReadableBy, type Topic } from './topic-access.ts';

export interface TopicFilter { q?: string; year?: number; state?: string[] }

const supportCount = sql<number>`(select count(*)::int from ${supports} s where s.org_id = ${outer(topics.orgId)} and s.topic_id = ${outer(topics.id)})`;
const supportedBy = (userId: string) => sql<boolean>`exists (select 1 from ${supports} s where s.org_id = ${outer(topics.orgId)} and s.topic_id = ${outer(topics.id)} and s.user_id = ${userId})`;

/** Who proposed it, as each reader may see it: members and units by name; a member of the public by name to the committee's people only. */
const proposerName = (insider: boolean) => sql<string | null>`case ${topics.proposerKind}
  when 'member' then (select m.name from ${members} m where m.org_id = ${outer(topics.orgId)} and m.id = ${outer(topics.proposerMemberId)})
  when 'unit' then (select u.name from ${units} u where u.org_id = ${outer(topics.orgId)} and u.id = ${outer(topics.proposerUnitId)})
  when 'public' then ${insider ? sql`(select u.display_name from ${users} u where u.org_id = ${outer(topics.orgId)} and u.id = ${outer(topics.proposedBy)})` : sql`null`}
  else null end`;

/** Its consultation is on the public list (past its topic step, or with comments open: queries.ts inPublicList), so the public may open it. */
const consultationPublic = sql<boolean>`exists (select 1 from ${consultations} c where c.org_id = ${outer(topics.orgId)} and c.id = ${outer(topics.consultationId)}
  and (c.state <> 'topic' or c.comments_open))`;

function columns(actor: Actor | null) {
  return { t: topics, supportCount, supportedByMe: actor ? supportedBy(actor.id) : sql<boolean>`false`, proposerName: proposerName(isInsider(actor)), consultationPublic };
}
type Row = { t: Topic; supportCount: number; supportedByMe: boolean; proposerName: string | null; consultationPublic: boolean };

/** A topic as its reader sees it: the answer to the committee's people and the proposer only. */
function summary(actor: Actor | null, { t, supportCount: n, supportedByMe, proposerName: name, consultationPublic: open }: Row) {
  const mine = !!actor && t.proposedBy === actor.id;
  return {
    id: t.id, year: t.year, title: t.title, reason: t.reason, suggestedKind: t.suggestedKind, suggestedOwner: t.suggestedOwner, state: t.state,
    proposer: { kind: t.proposerKind, name }, mine, supportCount: n, supportedByMe,
    answer: isInsider(actor) || mine ? t.answer : null, mergedIntoId: t.mergedIntoId, consultationId: t.consultationId, consultationPublic: open, planItemId: t.planItemId,
    createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString(),
  };
}

/** Topics the caller may read, the most supported first. */
export async function listTopics(db: Queryable, actor: Actor | null, f: TopicFilter, page: { limit: number; offset: number }, orgId: string) {
  const where = and(
    eq(topics.orgId, orgId), topicReadableBy(actor),
    f.q ? ilike(topics.title, `%${f.q}%`) : undefined,
    f.year ? eq(topics.year, f.year) : undefined,
    f.state?.length ? inArray(topics.state, f.state) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select(columns(actor)).from(topics).where(where).orderBy(desc(topics.year), desc(supportCount), desc(topics.createdAt), desc(topics.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(topics).where(where),
  ]);
  return { total: count!.n, items: rows.map((r) => summary(actor, r)) };
}

/** One topic, with what it was merged into or made into (a consultation, a plan item). */
export async function presentTopic(db: Queryable, actor: Actor | null, t: Topic) {
  const [[row], [into], [consultation], [planItem]] = await Promise.all([
    db.select(columns(actor)).from(topics).where(and(eq(topics.orgId, t.orgId), eq(topics.id, t.id))),
    t.mergedIntoId ? db.select({ id: topics.id, title: topics.title, state: topics.state }).from(topics).where(and(eq(topics.orgId, t.orgId), eq(topics.id, t.mergedIntoId))) : [],
    t.consultationId ? db.select({ id: consultations.id, title: consultations.title, kind: consultations.kind, state: consultations.state }).from(consultations)
      .where(and(eq(consultations.orgId, t.orgId), eq(consultations.id, t.consultationId))) : [],
    t.planItemId ? db.select({ id: consultationPlanItems.id, year: consultationPlanItems.year, month: consultationPlanItems.month, kind: consultationPlanItems.kind }).from(consultationPlanItems)
      .where(and(eq(consultationPlanItems.orgId, t.orgId), eq(consultationPlanItems.id, t.planItemId))) : [],
  ]);
  return { ...summary(actor, row!), mergedInto: into ?? null, consultation: consultation ?? null, planItem: planItem ?? null };
}

/** The topic a consultation or plan item came from (the link back). */
export const topicOf = (db: Queryable, orgId: string, link: { consultationId?: string; planItemId?: string }) =>
  db.select({ id: topics.id, title: topics.title }).from(topics)
    .where(and(eq(topics.orgId, orgId), link.consultationId ? eq(topics.consultationId, link.consultationId) : eq(topics.planItemId, link.planItemId!)))
    .then((r) => r[0] ?? null);
