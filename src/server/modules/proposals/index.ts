import { and, eq, inArray, sql } from 'drizzle-orm';
import './audit-subjects.ts';
import type { FastifyInstance } from 'fastify';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { hasRole } from '../../core/policies.ts';
import { registerItemKind } from '../handling/reminders.ts';
import { assignments } from '../handling/schema.ts';
import { assignmentTodo } from '../handling/todos.ts';
import { KIND } from './access.ts';
import { letterRoutes } from './letter-routes.ts';
import { pendingExtensionCount } from './queries.ts';
import { proposalRoutes } from './routes.ts';
import { eachOf } from '../../core/outbox.ts';
import { backfillSearch, onProposalEvent } from './search.ts';
import { proposalCosigners, proposals } from './schema.ts';

// The proposals module: routes, its place in the handling engine, and its to-dos.

registerItemKind(KIND, async (tx, orgId, itemId) => {
  const [p] = await tx.select({ state: proposals.state, isKey: proposals.isKey, leader: proposals.keyLeaderUserId }).from(proposals)
    .where(and(eq(proposals.orgId, orgId), eq(proposals.id, itemId)));
  return { open: !!p && ['assigned', 'handling', 'rehandling'].includes(p.state), leaderUserId: p?.isKey ? p.leader : null };
});

addTodoSource(async (db, actor) => {
  const out: TodoItem[] = [];
  const href = (id: string) => `/proposals/${id}`;
  if (actor.memberId) {
    const cosign = await db.select({ id: proposals.id, title: proposals.title }).from(proposalCosigners)
      .innerJoin(proposals, and(eq(proposals.orgId, proposalCosigners.orgId), eq(proposals.id, proposalCosigners.proposalId)))
      .where(and(eq(proposalCosigners.orgId, actor.orgId), eq(proposalCosigners.memberId, actor.memberId), sql`${proposalCosigners.confirmedAt} is null`, eq(proposals.state, 'draft')));
    out.push(...cosign.map((p) => ({ kind: 'cosign', title: `确认附议：${p.title}`, params: { title: p.title }, href: href(p.id) })));
    const replied = await db.select({ id: proposals.id, title: proposals.title }).from(proposals)
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.proposerMemberId, actor.memberId), eq(proposals.state, 'replied')));
    out.push(...replied.map((p) => ({ kind: 'evaluate', title: `评价答复：${p.title}`, params: { title: p.title }, href: href(p.id) })));
    // A joint draft left without co-signers (all declined, or none named) cannot be submitted: the proposer adds some.
    const alone = await db.select({ id: proposals.id, title: proposals.title }).from(proposals)
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.proposerMemberId, actor.memberId), eq(proposals.state, 'draft'), eq(proposals.kind, 'joint'),
        sql`not exists (select 1 from ${proposalCosigners} c where c.org_id = ${proposals.orgId} and c.proposal_id = ${proposals.id} and c.via_merge_of is null)`));
    out.push(...alone.map((p) => ({ kind: 'addCosigners', title: `补充附议人：${p.title}`, params: { title: p.title }, href: href(p.id) })));
  }
  if (hasRole(actor, 'staff')) {
    const queue = await db.select({ n: sql<number>`count(*)::int` }).from(proposals).where(and(eq(proposals.orgId, actor.orgId), eq(proposals.state, 'submitted')));
    if (queue[0]!.n) out.push({ kind: 'file', title: `待审查立案的提案 ${queue[0]!.n} 件`, params: { n: queue[0]!.n }, href: '/proposals?state=submitted' });
    // (of them, those a unit returned: to be assigned again, elsewhere; the outer row named by its table: a one-table select names columns bare)
    const [toAssign] = await db.select({ n: sql<number>`count(*)::int`, returned: sql<number>`(count(*) filter (where exists (select 1 from ${assignments} a
      where a.org_id = ${proposals}.org_id and a.item_kind = ${KIND} and a.item_id = ${proposals}.id and a.state = 'returned')))::int` })
      .from(proposals).where(and(eq(proposals.orgId, actor.orgId), eq(proposals.state, 'filed')));
    if (toAssign!.n) {
      const { n, returned } = toAssign!;
      out.push({ kind: 'assign', title: `待交办的提案 ${n} 件${returned ? `（其中单位退回 ${returned} 件）` : ''}`, params: { n, returned }, href: '/proposals?state=filed' });
    }
    const toPublish = await db.select({ n: sql<number>`count(*)::int` }).from(proposals)
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.state, 'closed'), eq(proposals.published, false), sql`${proposals.publicationExemptReason} is null`));
    // 延期申请: the units' requests waiting for a decision, due by the soonest current due date among them.
    const ext = await pendingExtensionCount(db, actor.orgId);
    if (ext.n) out.push({ kind: 'extensions', title: `待审批的延期申请 ${ext.n} 件`, params: { n: ext.n }, href: '/proposals/extensions', due: ext.due });
    if (toPublish[0]!.n) out.push({ kind: 'publish', title: `已办结待公开的提案 ${toPublish[0]!.n} 件`, params: { n: toPublish[0]!.n }, href: '/proposals?publication=pending' });
  }
  if (actor.unitId && hasRole(actor, 'unit')) {
    const mine = await db.select({ id: proposals.id, title: proposals.title, a: assignments }).from(assignments)
      .innerJoin(proposals, and(eq(proposals.orgId, assignments.orgId), eq(proposals.id, assignments.itemId)))
      .where(and(eq(assignments.orgId, actor.orgId), eq(assignments.itemKind, KIND), eq(assignments.unitId, actor.unitId), inArray(assignments.state, ['pending', 'signed']),
        inArray(proposals.state, ['assigned', 'handling', 'rehandling'])));
    for (const m of mine) {
      const todo = assignmentTodo(m.a, { href: href(m.id), params: { title: m.title } });
      if (todo) out.push(todo);
    }
  }
  if (hasRole(actor, 'leader')) {
    const key = await db.select({ id: proposals.id, title: proposals.title }).from(proposals)
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.keyLeaderUserId, actor.id), inArray(proposals.state, ['filed', 'assigned', 'handling', 'replied', 'rehandling'])));
    out.push(...key.map((p) => ({ kind: 'key', title: `领办重点提案：${p.title}`, params: { title: p.title }, href: href(p.id) })));
  }
  return out;
});

export async function proposalsModule(app: FastifyInstance) {
  app.outbox.subscribe('*', onProposalEvent, eachOf(onProposalEvent));
  // Indexing rows that arrived without events (seeded, restored) runs in the background; closing
  // the app stops it between batches and waits for the batch in hand.
  const stop = new AbortController();
  let backfill: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => { backfill = backfillSearch(app.db, stop.signal).catch((err) => app.log.error({ err }, 'search backfill failed')); });
  app.addHook('onClose', async () => { stop.abort(); await backfill; });
  await app.register(proposalRoutes);
  await app.register(letterRoutes);
}
