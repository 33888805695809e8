import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { hasRole } from '../../core/policies.ts';
import { registerItemKind } from '../handling/reminders.ts';
import { assignments } from '../handling/schema.ts';
import { assignmentTodo } from '../handling/todos.ts';
import { commentRoutes } from './comment-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { REC_KIND } from './recommendation-access.ts';
import { recommendationRoutes } from './recommendation-routes.ts';
import { consultationRoutes } from './routes.ts';
import { consultationRecommendations as recs, consultations } from './schema.ts';

// The 双协 module: consultations through the six steps, the yearly plan, the 八个一 checklist, and
// the recommendations, which the handling engine carries to units as it does proposals.

// Due reminders fire while the recommendation still waits on its units.
registerItemKind(REC_KIND, async (tx, orgId, id) => {
  const [r] = await tx.select({ state: recs.state }).from(recs)
    .where(and(eq(recs.orgId, orgId), eq(recs.id, id)));
  return { open: !!r && ['assigned', 'handling', 'rehandling'].includes(r.state) };
});

// A unit's recommendations to sign for, reply to or give its opinion on, as its proposals.
addTodoSource(async (db, actor) => {
  if (!actor.unitId || !hasRole(actor, 'unit')) return [];
  const mine = await db.select({ id: recs.id, title: recs.title, consultation: consultations.title, a: assignments }).from(assignments)
    .innerJoin(recs, and(eq(recs.orgId, assignments.orgId), eq(recs.id, assignments.itemId)))
    .innerJoin(consultations, and(eq(consultations.orgId, recs.orgId), eq(consultations.id, recs.consultationId)))
    .where(and(eq(assignments.orgId, actor.orgId), eq(assignments.itemKind, REC_KIND), eq(assignments.unitId, actor.unitId), inArray(assignments.state, ['pending', 'signed']),
      inArray(recs.state, ['assigned', 'handling', 'rehandling'])));
  return mine.map((m) => assignmentTodo(m.a, { href: `/recommendations/${m.id}`, params: { title: m.title, consultation: m.consultation } }, { prefix: 'recommendation', noun: '建议' }))
    .filter((x): x is TodoItem => !!x);
});

export async function consultationsModule(fastify: FastifyInstance) {
  await fastify.register(consultationRoutes);
  await fastify.register(commentRoutes);
  await fastify.register(planRoutes);
  await fastify.register(recommendationRoutes);
}
