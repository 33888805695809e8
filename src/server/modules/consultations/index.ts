import type { FastifyInstance } from 'fastify';
import { planRoutes } from './plan-routes.ts';
import { consultationRoutes } from './routes.ts';

// The 双协 module: consultations through the six steps, the yearly plan and the 八个一 checklist.

export async function consultationsModule(fastify: FastifyInstance) {
  await fastify.register(consultationRoutes);
  await fastify.register(planRoutes);
}
