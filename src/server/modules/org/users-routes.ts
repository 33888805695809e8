import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { runCommand, type CommandScope } from '../../core/command.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, ListOf, Name, pageOf, Paging, Username, Uuid } from '../../core/http.ts';
import { authorize, ROLES } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { checkPasswordPolicy, Password } from '../../core/auth/password-policy.ts';
import { endAccess } from '../../core/auth/tokens.ts';
import { clearLoginThrottle } from '../../core/auth/throttle.ts';
import { ActiveFilter } from './catalog.ts';
import { members, units } from './schema.ts';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Fields = {
  username: Username,
  password: Password,
  roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1, maxItems: 5, uniqueItems: true }),
  displayName: Type.Optional(Name(50)),
  memberId: Type.Optional(Nullable(Uuid)),
  unitId: Type.Optional(Nullable(Uuid)),
};
const UserCreate = Type.Object(Fields, { additionalProperties: false });
const { username: _u, ...patchable } = Fields;
// A new password is a temporary one: the user must choose their own at their next login, unless
// mustChangePassword says false (a login for a system, say).
const UserPatch = Type.Partial(Type.Object({ ...patchable, active: Type.Boolean(), mustChangePassword: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });
export const UserView = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()),
  memberId: Nullable(Type.String()), unitId: Nullable(Type.String()), active: Type.Boolean(), mustChangePassword: Type.Boolean(), createdAt: Type.String(),
});

type Row = typeof users.$inferSelect;
export const presentUser = ({ passwordHash: _p, orgId: _o, accountId: _a, lastUsedAt: _l, ...u }: Row) => ({ ...u, createdAt: u.createdAt.toISOString() });

/** A member login needs its member, a unit login its unit, both in this committee. */
async function checkLinks(c: CommandScope, u: { roles: string[]; memberId?: string | null; unitId?: string | null }) {
  const orgId = c.actor.orgId;
  if (u.roles.includes('member') && !u.memberId) throw invalid('/memberId', say('委员角色须关联委员', 'required for the member role'));
  if (u.roles.includes('unit') && !u.unitId) throw invalid('/unitId', say('承办单位角色须关联承办单位', 'required for the unit role'));
  let linked: string | undefined;
  if (u.memberId) {
    const [m] = await c.tx.select({ name: members.name }).from(members).where(and(eq(members.orgId, orgId), eq(members.id, u.memberId)));
    if (!m) throw invalid('/memberId', say('本政协没有这位委员', 'no such member in this committee'));
    linked = m.name;
  }
  if (u.unitId) {
    const [x] = await c.tx.select({ name: units.name }).from(units).where(and(eq(units.orgId, orgId), eq(units.id, u.unitId)));
    if (!x) throw invalid('/unitId', say('本政协没有这个承办单位', 'no such unit in this committee'));
    linked ??= x.name;
  }
  return linked;
}

export async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/users', {
    schema: { tags, summary: 'Logins of this committee', querystring: Type.Object({ ...Paging, active: ActiveFilter }, { additionalProperties: false }), response: { 200: ListOf(UserView), ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'user.manage');
    const { q, active } = req.query;
    const where = and(eq(users.orgId, actor.orgId), active === 'all' ? undefined : eq(users.active, active !== 'false'),
      q ? or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined);
    const [rows, [count]] = await Promise.all([
      app.db.select().from(users).where(where).orderBy(asc(users.username)).limit(pageOf(req.query).limit).offset(pageOf(req.query).offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
    ]);
    return { items: rows.map(presentUser), total: count!.n, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/users/:id', { schema: { tags, summary: 'One login', params: IdParams, response: { 200: UserView, ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'user.manage');
    const [row] = await app.db.select().from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, req.params.id)));
    if (!row) throw notFound('User');
    return presentUser(row);
  });

  app.post('/users', { schema: { tags, summary: 'Create a login', body: UserCreate, response: { 201: UserView, ...errorResponses } } }, async (req, reply) => {
    const { password, ...body } = req.body;
    checkPasswordPolicy('/password', password, body.username);
    const passwordHash = await hashPassword(password);
    const row = await runCommand(ctxOf(req), async (c) => {
      c.authorize('user.manage');
      const linkedName = await checkLinks(c, body);
      const [u] = await c.tx.insert(users).values({ ...body, displayName: body.displayName ?? linkedName ?? body.username, passwordHash, orgId: c.actor.orgId }).returning();
      await c.record({ action: 'created', entity: 'user', entityId: u!.id, after: presentUser(u!) });
      return u!;
    });
    return reply.status(201).send(presentUser(row));
  });

  const update = (req: import('fastify').FastifyRequest, id: string, patch: Record<string, unknown> & { password?: string; mustChangePassword?: boolean }) => runCommand(ctxOf(req), async (c) => {
    c.authorize('user.manage');
    const key = and(eq(users.orgId, c.actor.orgId), eq(users.id, id));
    const [before] = await c.tx.select().from(users).where(key).for('update');
    if (!before) throw notFound('User');
    const { password, ...fields } = patch;
    const roles = fields.roles as string[] | undefined;
    if (id === c.actor.id && (fields.active === false || (roles && !roles.includes('admin')))) {
      throw conflict(say('不能停用自己或取消自己的管理员角色', 'You cannot remove your own administrator access'));
    }
    const merged = { ...before, ...fields } as Row;
    await checkLinks(c, merged);
    if (password) checkPasswordPolicy('/password', password, before.username);
    // A password set by an administrator takes a membership out of its person's account (core/auth/accounts.ts):
    // it then opens this committee's login only, never the person's logins in other committees.
    const values: Partial<Row> = { ...fields, ...(password ? { passwordHash: await hashPassword(password), mustChangePassword: fields.mustChangePassword ?? true, accountId: null } : {}) };
    const [after] = await c.tx.update(users).set(values).where(key).returning();
    // Deactivating or changing the password ends the user's sessions and API tokens, for good.
    if (password || fields.active === false) await endAccess(c.tx, c.actor.orgId, id);
    if (password) await clearLoginThrottle(c.tx, req.server.keys, before.username);
    await c.record({ action: fields.active === false ? 'deactivated' : password ? 'passwordReset' : 'updated', entity: 'user', entityId: id, before: presentUser(before), after: presentUser(after!) });
    return presentUser(after!);
  });

  app.patch('/users/:id', { schema: { tags, summary: 'Edit a login (roles, links, active; a new password is temporary: the user changes it at the next login unless mustChangePassword is false)', params: IdParams, body: UserPatch, response: { 200: UserView, ...errorResponses } } },
    async (req) => update(req, req.params.id, req.body));
  app.delete('/users/:id', { schema: { tags, summary: 'Deactivate a login', params: IdParams, response: { 200: UserView, ...errorResponses } } },
    async (req) => update(req, req.params.id, { active: false }));
}
