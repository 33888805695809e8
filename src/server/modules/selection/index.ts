import { and, eq, sql } from 'drizzle-orm';
import './audit-subjects.ts';
import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../core/policies.ts';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { proposals } from '../proposals/schema.ts';
import { reviewedBy } from './levels.ts';
import { nominableIn } from './queries.ts';
import { selectionRoutes } from './routes.ts';
import { selectionEntries, selectionLevels, selectionReviews, selectionRounds } from './schema.ts';

// The 优秀提案评选 module: its routes and its to-dos.

const href = (id: string) => `/selections/${id}`;

addTodoSource(async (db, actor) => {
  const out: TodoItem[] = [];
  const open = await db.select({ r: selectionRounds, level: selectionLevels }).from(selectionRounds)
    .innerJoin(selectionLevels, and(eq(selectionLevels.orgId, selectionRounds.orgId), eq(selectionLevels.roundId, selectionRounds.id), eq(selectionLevels.position, selectionRounds.currentLevel)))
    .where(and(eq(selectionRounds.orgId, actor.orgId), eq(selectionRounds.state, 'open')));
  for (const { r, level } of open) {
    // A member with a nominable proposal of the year while nominations are open (自荐).
    if (level.position === 1 && actor.memberId) {
      const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(proposals)
        .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.proposerMemberId, actor.memberId), nominableIn(r)));
      if (n!.n) out.push({ kind: 'nominate', title: `优秀提案自荐：${r.name}（可推荐 ${n!.n} 件）`, params: { name: r.name, n: n!.n }, href: `${href(r.id)}/nominate` });
    }
    // Reviewers: entries of the level under way that still await their score.
    const mine = reviewedBy(actor, level.actor);
    if (!mine) continue;
    const [n] = await db.select({ n: sql<number>`count(*)::int` }).from(selectionEntries)
      .where(and(eq(selectionEntries.orgId, actor.orgId), eq(selectionEntries.roundId, r.id), eq(selectionEntries.reached, level.position), mine,
        sql`not exists (select 1 from ${selectionReviews} v where v.org_id = ${selectionEntries.orgId} and v.entry_id = ${selectionEntries.id}
          and v.level = ${level.position} and v.reviewer_user_id = ${actor.id})`));
    if (n!.n) out.push({ kind: 'selectionReview', title: `优秀提案评选·${level.name}：待评分 ${n!.n} 件`, params: { level: level.name, n: n!.n }, href: href(r.id) });
  }
  if (hasRole(actor, 'staff')) {
    const decided = await db.select({ id: selectionRounds.id, name: selectionRounds.name }).from(selectionRounds)
      .where(and(eq(selectionRounds.orgId, actor.orgId), eq(selectionRounds.state, 'decided')));
    out.push(...decided.map((r) => ({ kind: 'announce', title: `公布优秀提案评选结果：${r.name}`, params: { name: r.name }, href: href(r.id) })));
  }
  return out;
});

export async function selectionModule(app: FastifyInstance) {
  await app.register(selectionRoutes);
}
