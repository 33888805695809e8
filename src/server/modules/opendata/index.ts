import type { FastifyInstance } from 'fastify';
import { openDataRoutes } from './routes.ts';

// The open-data export: everything published, as CSV files in a ZIP with a README.

export async function openDataModule(fastify: FastifyInstance) {
  await fastify.register(openDataRoutes);
}
