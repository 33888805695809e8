import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { runCommand } from '../../core/command.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, Name } from '../../core/http.ts';
import { authorize, ROLES } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { queryRows, type Queryable } from '../../core/db/client.ts';
import { GENDERS, ORG_LEVELS, PARTIES, UNIT_KINDS } from './values.ts';
import { todoItems } from '../../core/todos.ts';

const OrgView = Type.Object({ id: Type.String(), name: Type.String(), level: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]) });
const Level = Type.Union(ORG_LEVELS.map((l) => Type.Literal(l)));

/** A committee and every committee below it (a city sees its counties). */
export async function orgTree(db: Queryable, orgId: string) {
  const rows = await queryRows<{ id: string; name: string; level: string; parent_id: string | null }>(db, sql`
    with recursive tree as (
      select id, name, level, parent_id, 0 as depth from ${orgs} where id = ${orgId}
      union all
      select o.id, o.name, o.level, o.parent_id, t.depth + 1 from ${orgs} o join tree t on o.parent_id = t.id where t.depth < 4
    ) select id, name, level, parent_id from tree order by depth, name`);
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id }));
}

export async function orgRoutesCore(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/orgs', { schema: { tags: ['orgs'], summary: 'My committee and the committees under it', response: { 200: Type.Object({ items: Type.Array(OrgView) }), ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return { items: await orgTree(app.db, actor.orgId) };
  });

  app.post('/orgs', {
    schema: {
      tags: ['orgs'], summary: 'Add a committee under mine (e.g. a county committee)',
      body: Type.Object({ name: Name(100), level: Level }, { additionalProperties: false }),
      response: { 201: OrgView, ...errorResponses },
    },
  }, async (req, reply) => {
    const row = await runCommand(ctxOf(req), async (c) => {
      c.authorize('org.configure');
      const [o] = await c.tx.insert(orgs).values({ ...req.body, parentId: c.actor.orgId }).returning();
      await c.record({ action: 'created', entity: 'org', entityId: o!.id, after: o });
      return o!;
    });
    return reply.status(201).send({ id: row.id, name: row.name, level: row.level, parentId: row.parentId });
  });

  app.patch('/orgs/:id', {
    schema: {
      tags: ['orgs'], summary: 'Rename my committee or one directly under it', params: IdParams,
      body: Type.Object({ name: Name(100) }, { additionalProperties: false }),
      response: { 200: OrgView, ...errorResponses },
    },
  }, async (req) => runCommand(ctxOf(req), async (c) => {
    c.authorize('org.configure');
    const [before] = await c.tx.select().from(orgs).where(eq(orgs.id, req.params.id)).for('update');
    if (!before || (before.id !== c.actor.orgId && before.parentId !== c.actor.orgId)) throw notFound('Committee');
    const [o] = await c.tx.update(orgs).set(req.body).where(eq(orgs.id, before.id)).returning();
    await c.record({ action: 'updated', entity: 'org', entityId: o!.id, before, after: o });
    return { id: o!.id, name: o!.name, level: o!.level, parentId: o!.parentId };
  }));

  app.get('/meta', { schema: { tags: ['orgs'], summary: 'Fixed vocabularies (parties, unit kinds, …)' } }, async (req) => {
    authorize(actorOf(req), 'org.read');
    return { parties: PARTIES, unitKinds: UNIT_KINDS, genders: GENDERS, orgLevels: ORG_LEVELS, roles: ROLES };
  });

  app.get('/todos', {
    config: { publicAccounts: true },
    schema: { tags: ['orgs'], summary: 'My to-do list (filled by the modules that create work)', response: { 200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), title: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])), href: Type.String(), due: Type.Optional(Type.String()), overdueDays: Type.Optional(Type.Integer({ minimum: 1 })) })) }) } },
  }, async (req) => ({ items: await todoItems(app.db, actorOf(req)) }));
}

