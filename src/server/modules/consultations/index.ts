import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { registerItemKind } from '../handling/reminders.ts';
import { planRoutes } from './plan-routes.ts';
import { REC_KIND } from './recommendation-access.ts';
import { recommendationRoutes } from './recommendation-routes.ts';
import { consultationRoutes } from './routes.ts';
import { consultationRecommendations } from './schema.ts';

// The 双协 module: consultations through the six steps, the yearly plan, the 八个一 checklist, and
// the recommendations, which the handling engine carries to units as it does proposals.

// Due reminders fire while the recommendation still waits on its units.
registerItemKind(REC_KIND, async (tx, orgId, id) => {
  const [r] = await tx.select({ state: consultationRecommendations.state }).from(consultationRecommendations)
    .where(and(eq(consultationRecommendations.orgId, orgId), eq(consultationRecommendations.id, id)));
  return { open: !!r && ['assigned', 'handling', 'rehandling'].includes(r.state) };
});

export async function consultationsModule(fastify: FastifyInstance) {
  await fastify.register(consultationRoutes);
  await fastify.register(planRoutes);
  await fastify.register(recommendationRoutes);
}
