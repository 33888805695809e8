import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { committees } from '../org/schema.ts';
import { consultationPlanItems, consultationPlans, consultations, consultationTopics } from './schema.ts';
import { KINDS, type Kind } from './workflow.ts';

// The yearly plan "x+N": x plenaries, standing-committee meetings, bimonthly forums, supervision
// items and sector consultations, and N others (online, frontline, other). Staff draft the items,
// the chair meeting (a leader) adopts the plan; planned and held are counted per kind, held being
// the consultations of the year whose meeting took place.

export interface PlanItemInput { kind: Kind; month: number; topic: string; committeeId?: string | null }

/** The five counted forms of the line, in its order; every other kind is one of the N. */
const COUNTED: Kind[] = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector'];
function line(by: Record<string, number>) {
  const x = COUNTED.map((k) => by[k] ?? 0);
  const others = KINDS.filter((k) => !COUNTED.includes(k)).reduce((s, k) => s + (by[k] ?? 0), 0);
  return { ...Object.fromEntries(COUNTED.map((k, i) => [k, x[i]!])), others, text: `${x.join('+')}+${others}` };
}

export async function planView(db: Queryable, orgId: string, year: number) {
  const [[plan], items, held] = await Promise.all([
    db.select().from(consultationPlans).where(and(eq(consultationPlans.orgId, orgId), eq(consultationPlans.year, year))),
    db.select({ i: consultationPlanItems, committee: committees.name, consultationId: consultations.id, consultationState: consultations.state, topicId: consultationTopics.id }).from(consultationPlanItems)
      .leftJoin(committees, and(eq(committees.orgId, consultationPlanItems.orgId), eq(committees.id, consultationPlanItems.committeeId)))
      .leftJoin(consultationTopics, and(eq(consultationTopics.orgId, consultationPlanItems.orgId), eq(consultationTopics.planItemId, consultationPlanItems.id)))
      .leftJoin(consultations, and(eq(consultations.orgId, consultationPlanItems.orgId), eq(consultations.planItemId, consultationPlanItems.id)))
      .where(and(eq(consultationPlanItems.orgId, orgId), eq(consultationPlanItems.year, year)))
      .orderBy(asc(consultationPlanItems.month), asc(consultationPlanItems.kind), asc(consultationPlanItems.createdAt)),
    db.select({ kind: consultations.kind, n: sql<number>`count(*)::int` }).from(consultations)
      .where(and(eq(consultations.orgId, orgId), eq(consultations.year, year), isNotNull(consultations.heldOn))).groupBy(consultations.kind),
  ]);
  const planned: Record<string, number> = {};
  for (const { i } of items) planned[i.kind] = (planned[i.kind] ?? 0) + 1;
  const heldBy = Object.fromEntries(held.map((r) => [r.kind, r.n]));
  return {
    year, adopted: !!plan?.adoptedAt, adoptedAt: plan?.adoptedAt?.toISOString() ?? null,
    items: items.map(({ i, committee, consultationId, consultationState, topicId }) => ({
      id: i.id, kind: i.kind, month: i.month, topic: i.topic, committeeId: i.committeeId, owner: committee ?? '办公室',
      consultationId, consultationState, topicId,
    })),
    byKind: KINDS.map((kind) => ({ kind, planned: planned[kind] ?? 0, held: heldBy[kind] ?? 0 })),
    plannedLine: line(planned), heldLine: line(heldBy),
  };
}

/** The year's plan row, locked: items change only until it is adopted. */
async function draftPlan(c: CommandScope, year: number) {
  await c.tx.insert(consultationPlans).values({ orgId: c.actor.orgId, year }).onConflictDoNothing();
  const [plan] = await c.tx.select().from(consultationPlans).where(and(eq(consultationPlans.orgId, c.actor.orgId), eq(consultationPlans.year, year))).for('update');
  if (plan!.adoptedAt) throw conflict(say(`${year} 年协商计划已通过，不能再修改`, `The ${year} plan has been adopted`));
}

async function checkCommittee(c: CommandScope, committeeId: string | null | undefined) {
  if (!committeeId) return;
  const [found] = await c.tx.select({ id: committees.id }).from(committees)
    .where(and(eq(committees.orgId, c.actor.orgId), eq(committees.id, committeeId), eq(committees.active, true)));
  if (!found) throw invalid('/committeeId', say('本委员会没有这个在用的专门委员会', 'no such active special committee in this committee'));
}

/** One topic once in a year's plan (a double submit, or the same item typed twice); the plan row is locked. */
async function checkNoTwin(c: CommandScope, year: number, topic: string | undefined, exceptId?: string) {
  if (topic === undefined) return;
  const [twin] = await c.tx.select({ month: consultationPlanItems.month }).from(consultationPlanItems).where(and(eq(consultationPlanItems.orgId, c.actor.orgId),
    eq(consultationPlanItems.year, year), sql`btrim(${consultationPlanItems.topic}) = ${topic.trim()}`, exceptId ? sql`${consultationPlanItems.id} <> ${exceptId}` : undefined)).limit(1);
  if (twin) throw invalid('/topic', say(`${year} 年计划已有这一议题（${twin.month}月）`, `the ${year} plan has this topic already (month ${twin.month})`));
}

const record = (c: CommandScope, year: number, action: string, note: string) =>
  c.record({ action, entity: 'consultationPlan', entityId: String(year), after: { note } });

/** A new item of a draft plan (the caller has authorized it: staff, or the chair meeting picking a topic). */
export async function insertPlanItem(c: CommandScope, input: PlanItemInput & { year: number }, note?: string) {
  await draftPlan(c, input.year);
  await checkCommittee(c, input.committeeId);
  await checkNoTwin(c, input.year, input.topic);
  const [item] = await c.tx.insert(consultationPlanItems).values({ orgId: c.actor.orgId, ...input, committeeId: input.committeeId ?? null }).returning();
  await record(c, input.year, 'itemAdded', `${input.month}月 ${input.topic}${note ? `（${note}）` : ''}`);
  return item!;
}

export function addPlanItem(ctx: Ctx, input: PlanItemInput & { year: number }) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultation.manage');
    return insertPlanItem(c, input);
  });
}

async function planItem(c: CommandScope, itemId: string) {
  const [item] = await c.tx.select().from(consultationPlanItems)
    .where(and(eq(consultationPlanItems.orgId, c.actor.orgId), eq(consultationPlanItems.id, itemId)));
  if (!item) throw notFound('Plan item');
  return item;
}

export function updatePlanItem(ctx: Ctx, itemId: string, patch: Partial<PlanItemInput>) {
  return runCommand(ctx, async (c) => {
    const { year } = await planItem(c, itemId);
    c.authorize('consultation.manage');
    await draftPlan(c, year);
    await checkCommittee(c, patch.committeeId);
    await checkNoTwin(c, year, patch.topic, itemId);
    const [item] = await c.tx.update(consultationPlanItems).set(patch)
      .where(and(eq(consultationPlanItems.orgId, c.actor.orgId), eq(consultationPlanItems.id, itemId))).returning();
    await record(c, year, 'itemEdited', `${item!.month}月 ${item!.topic}`);
    return item!;
  });
}

export function deletePlanItem(ctx: Ctx, itemId: string) {
  return runCommand(ctx, async (c) => {
    const item = await planItem(c, itemId);
    c.authorize('consultation.manage');
    const { year } = item;
    await draftPlan(c, year);
    const [carried] = await c.tx.select({ id: consultations.id }).from(consultations)
      .where(and(eq(consultations.orgId, c.actor.orgId), eq(consultations.planItemId, itemId)));
    if (carried) throw conflict(say('该计划事项已有协商活动，不能删除', 'A consultation carries out this item'));
    await c.tx.delete(consultationPlanItems).where(and(eq(consultationPlanItems.orgId, c.actor.orgId), eq(consultationPlanItems.id, itemId)));
    await record(c, year, 'itemDeleted', `${item.month}月 ${item.topic}`);
  });
}

/** The chair meeting adopts the plan (a leader records it): its items are then fixed. */
export function adoptPlan(ctx: Ctx, year: number) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultation.adoptPlan');
    await draftPlan(c, year);
    const [{ n }] = (await c.tx.select({ n: sql<number>`count(*)::int` }).from(consultationPlanItems)
      .where(and(eq(consultationPlanItems.orgId, c.actor.orgId), eq(consultationPlanItems.year, year)))) as [{ n: number }];
    if (!n) throw conflict(say(`${year} 年协商计划还没有事项`, 'The plan has no items'));
    await c.tx.update(consultationPlans).set({ adoptedAt: sql`now()`, adoptedBy: c.actor.id })
      .where(and(eq(consultationPlans.orgId, c.actor.orgId), eq(consultationPlans.year, year)));
    await record(c, year, 'adopted', `主席会议通过，共 ${n} 项`);
  });
}
