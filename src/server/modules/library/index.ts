import type { FastifyInstance } from 'fastify';
import { documentRunner } from './processing.ts';
import { libraryRoutes } from './routes.ts';
import { FolderStorage, type LibraryStorage } from './storage.ts';

// 文库: the routes, the storage (a folder under DATA_DIR) and the runner that processes uploads.

declare module 'fastify' {
  interface FastifyInstance { library: { storage: LibraryStorage; runner: import('../../core/jobs.ts').JobRunner } }
}

/** Registered on the app itself (not encapsulated), so that `app.library` is the app's: the routes go under /api/v1. */
export async function libraryModule(fastify: FastifyInstance) {
  const storage = new FolderStorage(fastify.config.LIBRARY_DIR!);
  const runner = documentRunner({ db: fastify.db, config: fastify.config, storage, log: fastify.log });
  fastify.decorate('library', { storage, runner });
  const kick = () => void runner.runDue().catch((err) => fastify.log.error({ err }, 'document processing pass failed'));
  fastify.addHook('onReady', async () => { runner.start(fastify.config.JOBS_INTERVAL_SECONDS * 1000); });
  fastify.addHook('onClose', async () => { await runner.stop(); });
  await fastify.register(libraryRoutes, { prefix: '/api/v1', storage, kick });
}
(libraryModule as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
