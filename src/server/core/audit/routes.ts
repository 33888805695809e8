import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { filtersOf, FIRST_ROWS, listExportRoutes } from '../list-export.ts';
import type { Column } from '../xlsx.ts';
import { backupTo } from '../db/backup.ts';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { auditLog, users } from '../schema.ts';
import { actorOf, Day, errorResponses, ListOf, pageOf, Paging, Uuid } from '../http.ts';
import { authorize, definePolicies } from '../policies.ts';
import { chinaTime } from '../china-time.ts';
import { invalid, langOf, say } from '../errors.ts';
import { actionName, entityName } from './names.ts';
import { subjectsOf } from './subjects.ts';

definePolicies({ 'audit.read': ['admin'], 'backup.read': ['admin'] });

const AuditView = Type.Object({
  id: Type.Integer(), at: Type.String(), actorUserId: Type.Union([Type.String(), Type.Null()]), actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(), entity: Type.String(), entityId: Type.Union([Type.String(), Type.Null()]), before: Type.Unknown(), after: Type.Unknown(),
  /** The action and the object as people read them, in the request's language. */
  actionName: Type.String(), entityName: Type.String(),
  /** The object by its title (or name) now, else as the entry recorded it; its page in the web app; gone: it was deleted (the id stays). */
  entityTitle: Type.Union([Type.String(), Type.Null()]), entityHref: Type.Union([Type.String(), Type.Null()]), entityGone: Type.Boolean(),
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const Filters = {
    ...Paging, entity: Type.Optional(Type.String({ maxLength: 50 })), entityId: Type.Optional(Type.String({ maxLength: 64 })),
    /** Who acted; the days (China time) from and to, both included. */
    actorUserId: Type.Optional(Uuid), from: Type.Optional(Day), to: Type.Optional(Day),
  };
  /** A day's first instant in China (China keeps no summer time: the next day's is 24 hours on). */
  const dayStart = (day: string, next = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + next * 86_400_000).toISOString();
  /** The log as an admin may read it, newest first. */
  const list = async (req: FastifyRequest, q: { entity?: string; entityId?: string; actorUserId?: string; from?: string; to?: string }, page: { limit: number; offset: number }) => {
    const actor = actorOf(req);
    authorize(actor, 'audit.read');
    if (q.from && q.to && q.from > q.to) throw invalid('/to', say('结束日期不能早于开始日期', 'must not be before from'));
    const where = and(eq(auditLog.orgId, actor.orgId), q.entity ? eq(auditLog.entity, q.entity) : undefined, q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      q.actorUserId ? eq(auditLog.actorUserId, q.actorUserId) : undefined,
      q.from ? gte(auditLog.at, sql`${dayStart(q.from)}::timestamptz`) : undefined,
      q.to ? lt(auditLog.at, sql`${dayStart(q.to, 1)}::timestamptz`) : undefined);
    const [rows, [count]] = await Promise.all([
      app.db.select({ a: auditLog, actorName: users.displayName }).from(auditLog)
        .leftJoin(users, and(eq(users.orgId, auditLog.orgId), eq(users.id, auditLog.actorUserId)))
        .where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
    ]);
    const lang = langOf(req.headers['accept-language']);
    // The objects by title: one query per kind on the page (the log is the admin's: it names whatever it holds).
    const subjects = await subjectsOf(app.db, actor.orgId, rows.map((r) => r.a), lang);
    return {
      items: rows.map(({ a, actorName }, i) => ({ ...a, at: a.at.toISOString(), actorName, actionName: actionName(a.entity, a.action, lang), entityName: entityName(a.entity, lang), ...subjects[i]! })),
      total: count!.n,
    };
  };

  app.get('/audit', {
    schema: {
      tags: ['audit'], summary: 'The audit log of this committee (admins), newest first',
      querystring: Type.Object(Filters, { additionalProperties: false }),
      response: { 200: ListOf(AuditView), ...errorResponses },
    },
  }, async (req) => ({ ...(await list(req, req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  const auditColumns: Column<Awaited<ReturnType<typeof list>>['items'][number]>[] = [
    { header: '时间', value: (a) => chinaTime(a.at, true), width: 20 }, { header: '操作人', value: (a) => a.actorName ?? '系统', width: 14 },
    { header: '操作', value: (a) => actionName(a.entity, a.action, 'zh'), width: 18 }, { header: '对象类型', value: (a) => entityName(a.entity, 'zh'), width: 16 }, { header: '对象', value: (a) => (a.entityTitle ?? '') + (a.entityGone ? '（已删除）' : ''), width: 30 }, { header: '对象编号', value: (a) => a.entityId, width: 38 },
  ];
  // Who did what to which object, when; the objects' contents before and after stay in the JSON list.
  listExportRoutes(app, '/audit', {
    tags: ['audit'], summary: 'The same log (the same filters), without the objects\' contents', querystring: filtersOf(Filters),
    file: 'audit-log', name: '操作日志', columns: () => auditColumns,
  }, (req, q) => list(req, q, FIRST_ROWS));

  app.get('/audit/entities', {
    schema: {
      tags: ['audit'], summary: 'The object types this committee\'s audit log names (admins), each with its name in the request\'s language',
      response: { 200: Type.Array(Type.Object({ entity: Type.String(), name: Type.String() })), ...errorResponses },
    },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'audit.read');
    const lang = langOf(req.headers['accept-language']);
    const rows = await app.db.selectDistinct({ entity: auditLog.entity }).from(auditLog).where(eq(auditLog.orgId, actor.orgId)).orderBy(auditLog.entity);
    return rows.map((r) => ({ entity: r.entity, name: entityName(r.entity, lang) }));
  });
}

/** A consistent backup of the caller's committee, streamed while the server keeps running. */
export async function backupRoutes(app: FastifyInstance) {
  app.get('/backup', { schema: { tags: ['audit'], summary: 'Download a backup of this committee (admins; JSON lines, restore with `tongxin restore`)' } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'backup.read');
    const out = new PassThrough();
    // The library's files go along (read at request time: the library module registers after this one).
    backupTo(app.db, out, [actor.orgId], app.library?.storage).catch((err) => { req.log.error({ err }, 'backup failed'); out.destroy(err); });
    const name = `tongxin-backup-${new Date().toISOString().slice(0, 10)}.jsonl`;
    return reply.type('application/x-ndjson').header('content-disposition', `attachment; filename="${name}"`).send(out);
  });
}
