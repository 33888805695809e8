import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import { documentRunner } from './processing.ts';
import { libraryRoutes } from './routes.ts';
import { openLibraryStorage, type LibraryStorage } from './storage.ts';

// 文库: the routes, the storage (a folder under DATA_DIR, or an S3-compatible bucket) and the runner that processes uploads.

declare module 'fastify' {
  interface FastifyInstance {
    /** `kick()` starts processing at once after an upload (a test that must see no write in the background replaces it). */
    library: { storage: LibraryStorage; runner: import('../../core/jobs.ts').JobRunner; kick(): void };
  }
}

/** Registered on the app itself (not encapsulated), so that `app.library` is the app's: the routes go under /api/v1. */
export async function libraryModule(fastify: FastifyInstance) {
  const storage = await openLibraryStorage(fastify.config);
  const runner = documentRunner({ db: fastify.db, config: fastify.config, storage, log: fastify.log });
  const kick = () => void runner.runDue().catch((err) => fastify.log.error({ err }, 'document processing pass failed'));
  fastify.decorate('library', { storage, runner, kick });
  fastify.addHook('onReady', async () => { runner.start(fastify.config.JOBS_INTERVAL_SECONDS * 1000); });
  fastify.addHook('onClose', async () => { await runner.stop(); storage.close?.(); });
  await fastify.register(libraryRoutes, { prefix: '/api/v1', storage });
}
(libraryModule as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
