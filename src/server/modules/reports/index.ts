import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import './access.ts';
import { reportRoutes } from './routes.ts';

// Reports drafted from the data of every module: the yearly 四双 report (figures with their source
// lists, the prose around them, the Word document) and the committee profile that names it.

export async function reportsModule(fastify: FastifyInstance) {
  await fastify.register(reportRoutes);
}
