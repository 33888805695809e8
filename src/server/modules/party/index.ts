import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import './access.ts';
import { partyRoutes } from './routes.ts';

// 党的组织 behind 双联 (groups, members, activities) and campaigns such as "我为…献一计".

export async function partyModule(fastify: FastifyInstance) {
  await fastify.register(partyRoutes);
}
