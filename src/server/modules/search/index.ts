import type { FastifyInstance } from 'fastify';
import { backfillIndex, onSearchEvent, onSearchEvents } from './indexing.ts';
import { searchRoutes } from './routes.ts';

// Search across everything: the index of the kinds without their own (from outbox events, plus a
// background backfill at start for rows that came without events), the search and related searches.

export async function searchModule(app: FastifyInstance) {
  app.outbox.subscribe('*', onSearchEvent, onSearchEvents);
  const stop = new AbortController();
  let backfill: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => { backfill = backfillIndex(app.db, stop.signal).catch((err) => app.log.error({ err }, 'search backfill failed')); });
  app.addHook('onClose', async () => { stop.abort(); await backfill; });
  await app.register(searchRoutes);
}
