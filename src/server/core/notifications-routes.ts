import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, IdParams, pageOf, Paging } from './http.ts';
import { notFound } from './errors.ts';
import { notifications } from './jobs-schema.ts';

export async function notificationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notifications'];
  const mine = (orgId: string, userId: string) => and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

  // Anyone's own, public accounts' too.
  const config = { publicAccounts: true };
  app.get('/notifications', {
    config,
    schema: { tags, summary: 'My notifications, newest first', querystring: Type.Object({ ...Paging, unread: Type.Optional(Type.Boolean()) }, { additionalProperties: false }) },
  }, async (req) => {
    const actor = actorOf(req);
    const where = and(mine(actor.orgId, actor.id), req.query.unread ? isNull(notifications.readAt) : undefined);
    const [rows, [count], [unread]] = await Promise.all([
      app.db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt)).limit(pageOf(req.query).limit).offset(pageOf(req.query).offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where),
      app.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(mine(actor.orgId, actor.id), isNull(notifications.readAt))),
    ]);
    return {
      items: rows.map(({ orgId: _o, userId: _u, ...n }) => ({ ...n, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
      total: count!.n, unread: unread!.n, page: req.query.page, pageSize: req.query.pageSize,
    };
  });

  app.post('/notifications/:id/read', { config, schema: { tags, summary: 'Mark one as read', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const rows = await app.db.update(notifications).set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(mine(actor.orgId, actor.id), eq(notifications.id, req.params.id))).returning({ id: notifications.id });
    if (!rows.length) throw notFound('Notification');
    return reply.status(204).send();
  });

  app.post('/notifications/read-all', { config, schema: { tags, summary: 'Mark all as read' } }, async (req, reply) => {
    const actor = actorOf(req);
    await app.db.update(notifications).set({ readAt: sql`now()` }).where(and(mine(actor.orgId, actor.id), isNull(notifications.readAt)));
    return reply.status(204).send();
  });
}
