import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import type { Column } from '../../core/xlsx.ts';
import { exportRoutes, filtersOf, FIRST_ROWS, listSheet } from '../../core/list-export.ts';
import { chinaTime } from '../../core/china-time.ts';

const ROLE_NAMES: Record<string, string> = { admin: '系统管理员', staff: '机关工作人员', leader: '领导', member: '委员', unit: '承办单位', public: '网民' };
/** A login as a row of the export: its roles by name, and the member or unit it acts for. */
const userColumns = (names: Map<string, string>): Column<ReturnType<typeof presentUser>>[] => [
  { header: '用户名', value: (u) => u.username, width: 18 }, { header: '姓名', value: (u) => u.displayName, width: 14 },
  { header: '角色', value: (u) => u.roles.map((r) => ROLE_NAMES[r] ?? r).join('、'), width: 24 },
  { header: '关联委员', value: (u) => (u.memberId ? names.get(u.memberId) : ''), width: 14 }, { header: '关联单位', value: (u) => (u.unitId ? names.get(u.unitId) : ''), width: 20 },
  { header: '状态', value: (u) => (u.active ? '在用' : '已停用'), width: 8 }, { header: '须改密码', value: (u) => (u.mustChangePassword ? '是' : ''), width: 10 },
  { header: '创建时间', value: (u) => chinaTime(u.createdAt), width: 18 },
];

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

  const Filters = { ...Paging, active: ActiveFilter };
  /** The logins the caller may list (user.manage), by username. */
  const list = async (req: FastifyRequest, query: { q?: string; active?: string }, page: { limit: number; offset: number }) => {
    const actor = actorOf(req);
    authorize(actor, 'user.manage');
    const { q, active } = query;
    const where = and(eq(users.orgId, actor.orgId), active === 'all' ? undefined : eq(users.active, active !== 'false'),
      q ? or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined);
    const [rows, [count]] = await Promise.all([
      app.db.select().from(users).where(where).orderBy(asc(users.username)).limit(page.limit).offset(page.offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
    ]);
    return { items: rows.map(presentUser), total: count!.n };
  };

  app.get('/users', {
    schema: { tags, summary: 'Logins of this committee', querystring: Type.Object(Filters, { additionalProperties: false }), response: { 200: ListOf(UserView), ...errorResponses } },
  }, async (req) => ({ ...(await list(req, req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  // The export names each login's member or unit, never a password or its hash (presentUser drops it).
  exportRoutes(app, '/users', { tags, summary: 'The same logins (the same filters)', querystring: filtersOf(Filters) }, async (req, q) => {
    const orgId = actorOf(req).orgId;
    const [found, memberNames, unitNames] = await Promise.all([
      list(req, q, FIRST_ROWS),
      app.db.select({ id: members.id, name: members.name }).from(members).where(eq(members.orgId, orgId)),
      app.db.select({ id: units.id, name: units.name }).from(units).where(eq(units.orgId, orgId)),
    ]);
    return { file: 'users', name: '用户账号', tables: listSheet('用户账号', userColumns(new Map([...memberNames, ...unitNames].map((x) => [x.id, x.name]))), found) };
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
