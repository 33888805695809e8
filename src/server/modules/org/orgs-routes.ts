import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { runCommand, type CommandScope } from '../../core/command.ts';
import { conflict, notFound, say } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, ListOf, Name, pageOf, Paging, Username } from '../../core/http.ts';
import { authorize, ROLES, type Actor } from '../../core/policies.ts';
import { FIRST_ROWS, filtersOf, listExportRoutes } from '../../core/list-export.ts';
import type { Column } from '../../core/xlsx.ts';
import { orgs, users } from '../../core/schema.ts';
import { Password } from '../../core/auth/password-policy.ts';
import { ActiveFilter } from './catalog.ts';
import { insertCommittee, orgView, setCommitteeAdmin, updateCommittee, type Org } from './committees-below.ts';
import './oversight.ts';
import { presentUser, UserView } from './users-routes.ts';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { GENDERS, ORG_LEVELS, PARTIES, UNIT_KINDS } from './values.ts';
import { todoItems } from '../../core/todos.ts';
import { publicOrgs } from './visitor.ts';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const OrgView = Type.Object({
  id: Type.String(), name: Type.String(), level: Type.String(), parentId: Nullable(Type.String()),
  code: Nullable(Type.String()), region: Nullable(Type.String()), active: Type.Boolean(),
});
const Level = Type.Union(ORG_LEVELS.map((l) => Type.Literal(l)));
const Code = Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' });
const Fields = { name: Name(100), code: Type.Optional(Nullable(Code)), region: Type.Optional(Nullable(Name(100))) };

/**
 * A committee and every committee below it (a city sees its counties). A deactivated committee and
 * those below it are left out (pickers, filters, the stats page's 本级/含下级) unless `withInactive`:
 * the 下级政协 page lists them through /orgs/children, marked 已停用, to reactivate them.
 */
export async function orgTree(db: Queryable, orgId: string, withInactive = false) {
  const rows = await queryRows<{ id: string; name: string; level: string; parent_id: string | null; code: string | null; region: string | null; active: boolean }>(db, sql`
    with recursive tree as (
      select id, name, level, parent_id, code, region, active, 0 as depth from ${orgs} where id = ${orgId}
      union all
      select o.id, o.name, o.level, o.parent_id, o.code, o.region, o.active, t.depth + 1 from ${orgs} o join tree t on o.parent_id = t.id
      where t.depth < 4 and (${withInactive} or o.active)
    ) select id, name, level, parent_id, code, region, active from tree order by depth, name`);
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id, code: r.code, region: r.region, active: r.active }));
}

/** A committee directly below the caller's, locked, for its parent's admin (oversight.ts); else 404. */
async function childOf(c: CommandScope, id: string) {
  c.authorize('org.configure');
  const [child] = await c.tx.select().from(orgs).where(eq(orgs.id, id)).for('update');
  if (!child || child.parentId !== c.actor.orgId) throw notFound('Committee');
  c.authorize('org.child.manage', child);
  return child;
}

export async function orgRoutesCore(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/orgs', {
    schema: {
      tags: ['orgs'], summary: 'My committee and the active committees under it (active=all: the deactivated ones and those below them too)',
      querystring: Type.Object({ active: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('all')], { default: 'true' })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OrgView) }), ...errorResponses },
    },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return { items: await orgTree(app.db, actor.orgId, req.query.active === 'all') };
  });

  // The committees a visitor may choose between on the public pages (PublicLayout's chooser): every
  // active one, names and places only; defaultId is the one a public list without orgId reads (visitor.ts).
  app.get('/orgs/public', {
    config: { public: true },
    schema: {
      tags: ['orgs'], summary: 'The active committees of this deployment (anyone): what a visitor chooses between on the public pages; defaultId is the one the public lists read when no orgId is named',
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), level: Type.String(), parentId: Nullable(Type.String()) })), defaultId: Nullable(Type.String()) }),
        ...errorResponses,
      },
    },
  }, async () => publicOrgs(app.db));

  const ChildFilters = { ...Paging, active: ActiveFilter };
  app.get('/orgs/children', {
    schema: {
      tags: ['orgs'], summary: 'The committees directly under mine (admin), with their admins',
      querystring: Type.Object(ChildFilters, { additionalProperties: false }),
      response: { 200: ListOf(Type.Object({ ...OrgView.properties, admins: Type.Array(Type.String()) })), ...errorResponses },
    },
  }, async (req) => ({ ...(await childOrgs(app.db, actorOf(req), req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  listExportRoutes(app, '/orgs/children', {
    tags: ['orgs'], summary: 'The same committees below (the same filters; admin)', querystring: filtersOf(ChildFilters), file: 'orgs-below', name: '下级政协', columns: () => childOrgColumns,
  }, (req, q) => childOrgs(app.db, actorOf(req), q, FIRST_ROWS));

  app.post('/orgs', {
    schema: {
      tags: ['orgs'], summary: 'Add a committee one level under mine (e.g. a county committee under a city)',
      body: Type.Object({ ...Fields, level: Level }, { additionalProperties: false }),
      response: { 201: OrgView, ...errorResponses },
    },
  }, async (req, reply) => {
    const row = await runCommand(ctxOf(req), async (c) => {
      c.authorize('org.configure');
      const [parent] = await c.tx.select().from(orgs).where(eq(orgs.id, c.actor.orgId));
      const o = await insertCommittee(c.tx, parent!, req.body);
      await c.record({ action: 'created', entity: 'org', entityId: o.id, after: o });
      return o;
    });
    return reply.status(201).send(orgView(row));
  });

  app.patch('/orgs/:id', {
    schema: {
      tags: ['orgs'], summary: 'Edit my committee (name, code, region) or one directly under it (also active: false deactivates, true reactivates)', params: IdParams,
      body: Type.Partial(Type.Object({ ...Fields, name: Name(100), active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 }),
      response: { 200: OrgView, ...errorResponses },
    },
  }, async (req) => runCommand(ctxOf(req), async (c) => {
    let before: Org;
    if (req.params.id === c.actor.orgId) {
      c.authorize('org.configure');
      [before] = await c.tx.select().from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update') as [Org];
      if (req.body.active !== undefined) throw conflict(say('不能停用或启用本政协', 'You cannot deactivate your own committee'));
    } else before = await childOf(c, req.params.id);
    const o = await updateCommittee(c.tx, before, req.body);
    await c.record({ action: req.body.active === false ? 'deactivated' : 'updated', entity: 'org', entityId: o.id, before, after: o });
    return orgView(o);
  }));

  app.delete('/orgs/:id', {
    schema: { tags: ['orgs'], summary: 'Deactivate a committee directly under mine: its logins end and no one of it logs in until reactivated', params: IdParams, response: { 200: OrgView, ...errorResponses } },
  }, async (req) => runCommand(ctxOf(req), async (c) => {
    const before = await childOf(c, req.params.id);
    const o = await updateCommittee(c.tx, before, { active: false });
    await c.record({ action: 'deactivated', entity: 'org', entityId: o.id, before, after: o });
    return orgView(o);
  }));

  app.post('/orgs/:id/admin', {
    schema: {
      tags: ['orgs'], summary: "Give a committee directly under mine its admin, or reset that admin's password: temporary, changed at first login; generated and returned once when not given",
      params: IdParams,
      body: Type.Object({ username: Username, displayName: Type.Optional(Name(50)), password: Type.Optional(Password) }, { additionalProperties: false }),
      response: { 201: Type.Object({ user: UserView, created: Type.Boolean(), password: Type.Optional(Type.String()) }), ...errorResponses },
    },
  }, async (req, reply) => {
    const out = await runCommand(ctxOf(req), async (c) => {
      const child = await childOf(c, req.params.id);
      const r = await setCommitteeAdmin(c.tx, child, req.body);
      await c.record({ action: r.created ? 'adminCreated' : 'adminReset', entity: 'org', entityId: child.id, after: { userId: r.user.id, username: r.user.username } });
      return r;
    });
    return reply.status(201).send({ user: presentUser(out.user), created: out.created, ...(out.password ? { password: out.password } : {}) });
  });

  app.get('/meta', { schema: { tags: ['orgs'], summary: 'Fixed vocabularies (parties, unit kinds, …)' } }, async (req) => {
    authorize(actorOf(req), 'org.read');
    return { parties: PARTIES, unitKinds: UNIT_KINDS, genders: GENDERS, orgLevels: ORG_LEVELS, roles: ROLES };
  });

  app.get('/todos', {
    config: { publicAccounts: true },
    schema: { tags: ['orgs'], summary: 'My to-do list (filled by the modules that create work)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), title: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), href: Type.String(), due: Type.Optional(Type.String()), overdueDays: Type.Optional(Type.Integer({ minimum: 1 })) })) }) } },
  }, async (req) => ({ items: await todoItems(app.db, actorOf(req)) }));
}


/** The committees directly under the caller's (admin), with their admins' usernames: logins, no member's data. */
async function childOrgs(db: Queryable, actor: Actor, query: { q?: string; active?: 'true' | 'false' | 'all' }, { limit, offset }: { limit: number; offset: number }) {
  authorize(actor, 'org.configure');
  const { q, active } = query;
  const where = and(eq(orgs.parentId, actor.orgId), active === 'all' ? undefined : eq(orgs.active, active !== 'false'),
    q ? or(ilike(orgs.name, `%${q}%`), ilike(orgs.code, `%${q}%`), ilike(orgs.region, `%${q}%`)) : undefined);
  const [rows, [count]] = await Promise.all([
    db.select().from(orgs).where(where).orderBy(asc(orgs.code), asc(orgs.name)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(where),
  ]);
  const admins = rows.length ? await db.select({ orgId: users.orgId, username: users.username }).from(users)
    .where(and(inArray(users.orgId, rows.map((r) => r.id)), eq(users.active, true), sql`${users.roles} @> '["admin"]'::jsonb`)).orderBy(asc(users.username)) : [];
  return { items: rows.map((o) => ({ ...orgView(o), admins: admins.filter((a) => a.orgId === o.id).map((a) => a.username) })), total: count!.n };
}

const LEVEL_NAMES: Record<string, string> = { national: '全国', provincial: '省级', city: '市级', county: '县级' };
const childOrgColumns: Column<Awaited<ReturnType<typeof childOrgs>>['items'][number]>[] = [
  { header: '名称', value: (o) => o.name, width: 30 }, { header: '层级', value: (o) => LEVEL_NAMES[o.level] ?? o.level, width: 8 },
  { header: '代码', value: (o) => o.code, width: 12 }, { header: '地区', value: (o) => o.region, width: 20 },
  { header: '管理员', value: (o) => o.admins.join('、'), width: 24 }, { header: '在用', value: (o) => (o.active ? '是' : '已停用'), width: 8 },
];
