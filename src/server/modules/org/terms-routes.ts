import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { runCommand, type CommandScope } from '../../core/command.ts';
import { invalid, notFound, say } from '../../core/errors.ts';
import { actorOf, ctxOf, Day, errorResponses, IdParams } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import { firstOf, listExportRoutes } from '../../core/list-export.ts';
import type { Column } from '../../core/xlsx.ts';
import type { Queryable } from '../../core/db/client.ts';
import { plenarySessions, terms } from './schema.ts';

const Year = Type.Integer({ minimum: 1949, maximum: 2200 });
const TermFields = { number: Type.Integer({ minimum: 1, maximum: 100 }), startYear: Year, endYear: Year, current: Type.Optional(Type.Boolean()) };
const SessionFields = { number: Type.Integer({ minimum: 1, maximum: 50 }), startsOn: Day, endsOn: Type.Optional(Type.Union([Day, Type.Null()])) };
const SessionView = Type.Object({ id: Type.String(), number: Type.Integer(), startsOn: Type.String(), endsOn: Type.Union([Type.String(), Type.Null()]) });
const TermView = Type.Object({ id: Type.String(), number: Type.Integer(), startYear: Type.Integer(), endYear: Type.Integer(), current: Type.Boolean(), sessions: Type.Array(SessionView) });

async function termsOf(db: Queryable, orgId: string) {
  const [ts, ss] = await Promise.all([
    db.select().from(terms).where(eq(terms.orgId, orgId)).orderBy(desc(terms.number)),
    db.select().from(plenarySessions).where(eq(plenarySessions.orgId, orgId)).orderBy(asc(plenarySessions.number)),
  ]);
  return ts.map(({ orgId: _o, ...t }) => ({
    ...t, sessions: ss.filter((s) => s.termId === t.id).map(({ id, number, startsOn, endsOn }) => ({ id, number, startsOn, endsOn })),
  }));
}

type TermRow = Awaited<ReturnType<typeof termsOf>>[number];
const termColumns: Column<TermRow>[] = [
  { header: '届次', value: (t) => `第${t.number}届`, width: 10 }, { header: '起始年份', value: (t) => t.startYear, width: 10 },
  { header: '结束年份', value: (t) => t.endYear, width: 10 }, { header: '本届', value: (t) => (t.current ? '是' : ''), width: 8 },
  { header: '全体会议', value: (t) => t.sessions.map((s) => `第${s.number}次会议（${s.startsOn}${s.endsOn ? `至${s.endsOn}` : ''}）`).join('；'), width: 60 },
];

async function termView(db: Queryable, orgId: string, id: string) {
  const t = (await termsOf(db, orgId)).find((x) => x.id === id);
  if (!t) throw notFound('Term');
  return t;
}

/** Only one term is current: setting one unsets the others. */
async function keepOneCurrent(c: CommandScope, id: string, current: boolean | undefined) {
  if (current) await c.tx.update(terms).set({ current: false }).where(and(eq(terms.orgId, c.actor.orgId), ne(terms.id, id)));
}

function checkYears(t: { startYear: number; endYear: number }) {
  if (t.endYear < t.startYear) throw invalid('/endYear', say('不能早于开始年份', 'must not be before startYear'));
}

export async function termRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['terms'];

  app.get('/terms', { schema: { tags, summary: 'Terms (届) with their plenary sessions (次会议)', response: { 200: Type.Object({ items: Type.Array(TermView) }), ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return { items: await termsOf(app.db, actor.orgId) };
  });

  listExportRoutes(app, '/terms', {
    tags, summary: 'The same terms, one row each with its sessions', querystring: Type.Object({}, { additionalProperties: false }), file: 'terms', name: '届次',
    columns: () => termColumns,
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return firstOf(await termsOf(app.db, actor.orgId));
  });

  app.get('/terms/:id', { schema: { tags, summary: 'One term with its sessions', params: IdParams, response: { 200: TermView, ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return termView(app.db, actor.orgId, req.params.id);
  });

  app.post('/terms', { schema: { tags, summary: 'Add a term', body: Type.Object(TermFields, { additionalProperties: false }), response: { 201: TermView, ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    checkYears(req.body);
    const row = await runCommand(ctx, async (c) => {
      c.authorize('org.manage');
      const [t] = await c.tx.insert(terms).values({ ...req.body, orgId: c.actor.orgId }).returning();
      await keepOneCurrent(c, t!.id, t!.current);
      await c.record({ action: 'created', entity: 'term', entityId: t!.id, after: t });
      return t!;
    });
    return reply.status(201).send(await termView(app.db, ctx.actor.orgId, row.id));
  });

  app.patch('/terms/:id', {
    schema: { tags, summary: 'Edit a term', params: IdParams, body: Type.Partial(Type.Object(TermFields), { additionalProperties: false, minProperties: 1 }), response: { 200: TermView, ...errorResponses } },
  }, async (req) => {
    const ctx = ctxOf(req);
    await runCommand(ctx, async (c) => {
      c.authorize('org.manage');
      const key = and(eq(terms.orgId, c.actor.orgId), eq(terms.id, req.params.id));
      const [before] = await c.tx.select().from(terms).where(key).for('update');
      if (!before) throw notFound('Term');
      checkYears({ ...before, ...req.body });
      const [after] = await c.tx.update(terms).set(req.body).where(key).returning();
      await keepOneCurrent(c, before.id, req.body.current);
      await c.record({ action: 'updated', entity: 'term', entityId: before.id, before, after });
    });
    return termView(app.db, ctx.actor.orgId, req.params.id);
  });

  app.post('/terms/:id/sessions', {
    schema: { tags, summary: 'Add a plenary session to a term', params: IdParams, body: Type.Object(SessionFields, { additionalProperties: false }), response: { 201: TermView, ...errorResponses } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    if (req.body.endsOn && req.body.endsOn < req.body.startsOn) throw invalid('/endsOn', say('不能早于开始日期', 'must not be before startsOn'));
    await runCommand(ctx, async (c) => {
      c.authorize('org.manage');
      const [t] = await c.tx.select().from(terms).where(and(eq(terms.orgId, c.actor.orgId), eq(terms.id, req.params.id))).for('update');
      if (!t) throw notFound('Term');
      const [s] = await c.tx.insert(plenarySessions).values({ ...req.body, termId: t.id, orgId: c.actor.orgId }).returning();
      await c.record({ action: 'created', entity: 'session', entityId: s!.id, after: s });
    });
    return reply.status(201).send(await termView(app.db, ctx.actor.orgId, req.params.id));
  });
}
