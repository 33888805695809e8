import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import { creationRoutes } from './routes.ts';

// 双创: members' projects, 三个一 pairings, 五送 activities, honours, exchange meetings, and the figures.

export async function creationModule(fastify: FastifyInstance) {
  await fastify.register(creationRoutes);
}
