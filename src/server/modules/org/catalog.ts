import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TObject, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { runCommand, type Ctx } from '../../core/command.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, ListOf, pageOf, Paging } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import type { Queryable } from '../../core/db/client.ts';
import type { Column } from '../../core/xlsx.ts';
import { FIRST_ROWS, filtersOf, listExportRoutes } from '../../core/list-export.ts';

/** A named list the office keeps (sectors, special committees, units): the same five routes each. */
export interface CatalogDef {
  path: string;             // URL segment, e.g. "sectors"
  entity: string;           // audit/event entity, e.g. "sector"
  tag: string;              // OpenAPI tag
  table: PgTable & { orgId: PgColumn; id: PgColumn; name: PgColumn; active: PgColumn };
  create: TObject;          // body schema of POST (PATCH takes the same fields, all optional)
  view: TObject;            // response item schema
  order: PgColumn[];
  /** Extra columns for the list (e.g. member counts). */
  extras?: (t: CatalogDef['table']) => Record<string, SQL>;
  /** The list's export (`/<path>.xlsx`, `.csv`): the ASCII and Chinese file names, and the columns after the name. */
  export: { file: string; name: string; columns: Column<Record<string, unknown>>[] };
}

export const ActiveFilter = Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('all')], { default: 'true' }));

function activeWhere(col: PgColumn, active: string | undefined): SQL | undefined {
  return active === 'all' ? undefined : eq(col, active !== 'false');
}

async function load(db: Queryable, def: CatalogDef, orgId: string, id: string, lock = false) {
  const t = def.table;
  const q = db.select().from(t as PgTable).where(and(eq(t.orgId, orgId), eq(t.id, id)));
  const [row] = await (lock ? q.for('update') : q);
  if (!row) throw notFound(def.entity);
  return row as Record<string, unknown> & { orgId: string; id: string };
}

async function save(ctx: Ctx, def: CatalogDef, id: string | null, values: Record<string, unknown>) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.manage');
    const t = def.table;
    if (!id) {
      const [row] = await c.tx.insert(t).values({ ...values, orgId: c.actor.orgId } as never).returning();
      const created = row as { id: string };
      await c.record({ action: 'created', entity: def.entity, entityId: created.id, after: row });
      return row;
    }
    const before = await load(c.tx, def, c.actor.orgId, id, true);
    const [row] = await c.tx.update(t).set(values as never).where(and(eq(t.orgId, c.actor.orgId), eq(t.id, id))).returning();
    await c.record({ action: values.active === false ? 'deactivated' : 'updated', entity: def.entity, entityId: id, before, after: row });
    return row;
  });
}

export function catalogRoutes(fastify: FastifyInstance, def: CatalogDef) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const t = def.table;
  const tags = [def.tag];
  const patch = Type.Partial(Type.Object({ ...def.create.properties, active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });

  const Filters = { ...Paging, active: ActiveFilter };
  /** The list as the caller may read it: the name first, in the list's order, then whether it is in use. */
  const list = async (req: FastifyRequest, query: { q?: string; active?: string }, page: { limit: number; offset: number }) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    const { q, active } = query;
    const where = and(eq(t.orgId, actor.orgId), activeWhere(t.active, active), q ? ilike(t.name, `%${q}%`) : undefined);
    const [items, [count]] = await Promise.all([
      app.db.select({ row: t, ...(def.extras?.(t) ?? {}) } as never).from(t as PgTable).where(where)
        .orderBy(...def.order.map((c) => asc(c))).limit(page.limit).offset(page.offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(t as PgTable).where(where),
    ]);
    return { items: (items as { row: object }[]).map(({ row, ...extra }) => ({ ...row, ...extra }) as Record<string, unknown>), total: count!.n };
  };

  app.get(`/${def.path}`, {
    schema: {
      tags, summary: `List ${def.path}`,
      querystring: Type.Object(Filters, { additionalProperties: false }),
      response: { 200: ListOf(def.view), ...errorResponses },
    },
  }, async (req) => ({ ...(await list(req, req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }) as never);

  listExportRoutes(app, `/${def.path}`, {
    tags, summary: `The same list of ${def.path}`, querystring: filtersOf(Filters), file: def.export.file, name: def.export.name,
    columns: () => [{ header: '名称', value: (r) => r.name as string, width: 30 }, ...def.export.columns, { header: '在用', value: (r) => (r.active ? '是' : '已停用'), width: 8 }],
  }, (req, q) => list(req, q, FIRST_ROWS));

  app.get(`/${def.path}/:id`, { schema: { tags, summary: `Read one of ${def.path}`, params: IdParams, response: { 200: def.view, ...errorResponses } } },
    async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'org.read');
      return load(app.db, def, actor.orgId, req.params.id) as never;
    });

  app.post(`/${def.path}`, {
    schema: { tags, summary: `Create one of ${def.path}`, body: def.create, response: { 201: def.view, ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(await save(ctxOf(req), def, null, req.body as Record<string, unknown>) as never));

  app.patch(`/${def.path}/:id`, {
    schema: { tags, summary: `Update one of ${def.path}`, params: IdParams, body: patch, response: { 200: def.view, ...errorResponses } },
  }, async (req) => save(ctxOf(req), def, req.params.id, req.body as Record<string, unknown>) as never);

  app.delete(`/${def.path}/:id`, {
    schema: { tags, summary: `Deactivate one of ${def.path}`, params: IdParams, response: { 200: def.view, ...errorResponses } },
  }, async (req) => save(ctxOf(req), def, req.params.id, { active: false }) as never);
}
