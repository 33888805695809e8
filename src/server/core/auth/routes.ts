import { and, asc, eq, sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiTokens, orgs, TOKEN_DAYS, users } from '../schema.ts';
import { runCommand } from '../command.ts';
import { conflict, forbidden, invalid, notFound, Problem, say } from '../errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, Name, Username, Uuid } from '../http.ts';
import type { Actor } from '../policies.ts';
import { revokeToken, TokenList, tokensOf } from './api-tokens.ts';
import { authenticate, ChooseCommitteeProblem } from './login.ts';
import { accountRows, linkLogin, markUsed, membershipsOf, unlinkLogin, type Membership } from './accounts.ts';
import { DEVICE_COOKIE, deviceCookie, Throttled } from './throttle.ts';
import { checkPasswordPolicy, Password } from './password-policy.ts';
import { checkPublicName } from './public-names.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { createSession, destroySession, endAccess, newSecret, toActor } from './tokens.ts';

export const SESSION_COOKIE = 'tx_session';

export const UserView = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()),
  orgId: Type.String(), orgName: Type.String(), memberId: Type.Union([Type.String(), Type.Null()]), unitId: Type.Union([Type.String(), Type.Null()]),
  /** An administrator set the password: POST /auth/password before anything else. */
  mustChangePassword: Type.Boolean(),
  /** The login is linked with a login of another committee (GET /auth/memberships lists them). */
  linked: Type.Boolean(),
});

async function present(app: FastifyInstance, actor: Actor) {
  // (one statement: the header asks for the memberships only when there are others)
  const [org] = await app.db.select({
    name: orgs.name,
    linked: sql<boolean>`exists (select 1 from ${users} other where other.account_id = (
      select mine.account_id from ${users} mine where mine.org_id = ${actor.orgId} and mine.id = ${actor.id}) and other.id <> ${actor.id})`,
  }).from(orgs).where(eq(orgs.id, actor.orgId));
  return {
    id: actor.id, username: actor.username, displayName: actor.displayName, roles: actor.roles, orgId: actor.orgId, orgName: org?.name ?? '',
    memberId: actor.memberId, unitId: actor.unitId, mustChangePassword: !!actor.mustChangePassword, linked: !!org?.linked,
  };
}

/** The person's memberships (accounts.ts) as the header's committee switch lists them. */
const MembershipList = Type.Object({
  items: Type.Array(Type.Object({
    orgId: Type.String(), orgName: Type.String(), orgLevel: Type.String(), userId: Type.String(), username: Type.String(),
    displayName: Type.String(), roles: Type.Array(Type.String()), current: Type.Boolean(),
  })),
});
const presentMemberships = (list: Membership[], actor: Actor) => ({
  items: list.map((m) => ({
    orgId: m.row.orgId, orgName: m.orgName, orgLevel: m.orgLevel, userId: m.row.id, username: m.row.username,
    displayName: m.row.displayName, roles: m.row.roles, current: m.row.orgId === actor.orgId && m.row.id === actor.id,
  })),
});

/** The signed-in user's own row (for their account). */
async function ownRow(app: FastifyInstance, actor: Actor) {
  const [row] = await app.db.select().from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.id)));
  if (!row) throw notFound('User');
  return row;
}

/** A new session for this actor, and its HttpOnly cookie. */
async function startSession(app: FastifyInstance, reply: FastifyReply, actor: Actor) {
  const cfg = app.config;
  const token = await createSession(app.db, app.keys, actor, cfg.SESSION_TTL_HOURS);
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', secure: cfg.COOKIE_SECURE, path: '/', maxAge: cfg.SESSION_TTL_HOURS * 3600,
  });
}

/**
 * The committee a public account registers in: the one named, or the only one there is. Where there
 * are several, the 422 lists them to choose from (as a login's 400 does), by name.
 */
async function registrationOrg(app: FastifyInstance, org: string | undefined): Promise<string> {
  if (org) {
    const [found] = await app.db.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.id, org), eq(orgs.active, true)));
    if (!found) throw invalid('/org', say('没有这个政协', 'no such committee'));
    return found.id;
  }
  const all = await app.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.active, true)).orderBy(asc(orgs.name)).limit(500);
  if (all.length === 1) return all[0]!.id;
  const p = invalid('/org', say('请选择要注册的政协', 'required: name the committee to register in'));
  throw new Problem(p.status, p.title, p.detail, p.errors, { orgs: all });
}

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const cfg = app.config;

  app.post('/login', {
    config: { public: true, rateLimit: { max: cfg.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: 60_000 } },
    schema: {
      tags: ['auth'], summary: 'Log in; sets an HttpOnly session cookie',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }), org: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 200: Type.Object({ user: UserView }), ...errorResponses, 400: ChooseCommitteeProblem, 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const device = req.cookies[DEVICE_COOKIE];
    const user = await authenticate(app, { ...req.body, address: req.ip, device }).catch((err: unknown) => {
      if (err instanceof Throttled) reply.header('retry-after', err.seconds);
      throw err;
    });
    const actor = toActor(user);
    await startSession(app, reply, actor);
    await markUsed(app.db, user);
    // Marks this browser as one the user logs in from (throttle.ts): sent to the login route only.
    reply.setCookie(DEVICE_COOKIE, deviceCookie(app.keys, user.username, device), {
      httpOnly: true, sameSite: 'lax', secure: cfg.COOKIE_SECURE, path: '/api/v1/auth/login', maxAge: 366 * 86_400,
    });
    return { user: await present(app, actor) };
  });

  // A public account (网民) registers itself, and is logged in.
  app.post('/register', {
    config: { public: true, rateLimit: { max: cfg.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: 60_000, allowList: () => false } },
    schema: {
      tags: ['auth'], summary: 'Register a public account (网民; password 8–200 characters, letters and digits, not the username) and log in; org: the committee, unless there is only one',
      body: Type.Object({ username: Username, password: Password, displayName: Name(50), org: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 201: Type.Object({ user: UserView }), ...errorResponses, 409: Type.Ref('Problem'), 422: ChooseCommitteeProblem, 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const { username, password, displayName } = req.body;
    const orgId = await registrationOrg(app, req.body.org);
    checkPasswordPolicy('/password', password, username);
    await checkPublicName(app.db, orgId, displayName);
    const [taken] = await app.db.select({ id: users.id }).from(users).where(and(eq(users.orgId, orgId), eq(users.username, username)));
    if (taken) throw conflict(say('该用户名已被使用', 'This username is taken'), [{ path: '/username', message: say('已被使用', 'is taken') }]);
    const passwordHash = await hashPassword(password);
    const actor: Actor = { id: crypto.randomUUID(), orgId, username, displayName, roles: ['public'], memberId: null, unitId: null };
    await runCommand({ db: app.db, actor, requestId: req.id, outbox: app.outbox }, async (c) => {
      await c.tx.insert(users).values({ orgId, id: actor.id, username, displayName, passwordHash, roles: ['public'] });
      await c.record({ action: 'registered', entity: 'user', entityId: actor.id, after: { username, displayName, roles: ['public'] } });
    });
    await startSession(app, reply, actor);
    return reply.status(201).send({ user: await present(app, actor) });
  });

  app.post('/logout', { config: { public: true, duringPasswordChange: true, publicAccounts: true }, schema: { tags: ['auth'], summary: 'Log out' } }, async (req, reply) => {
    await destroySession(app.db, app.keys, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', { config: { duringPasswordChange: true, publicAccounts: true }, schema: { tags: ['auth'], summary: 'The current user', response: { 200: Type.Object({ user: UserView }), ...errorResponses } } },
    async (req) => ({ user: await present(app, actorOf(req)) }));

  // The web app's question "who is here?": a visitor is an answer (null), not an error as /me's 401.
  app.get('/session', {
    config: { public: true, duringPasswordChange: true, publicAccounts: true },
    schema: { tags: ['auth'], summary: 'The current user, or null for a visitor', response: { 200: Type.Object({ user: Type.Union([UserView, Type.Null()]) }) } },
  }, async (req) => ({ user: req.actor ? await present(app, req.actor) : null }));

  // Changing one's own password: the current one first; the other sessions and the API tokens end.
  app.post('/password', {
    config: { duringPasswordChange: true, publicAccounts: true, rateLimit: { max: cfg.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: 60_000, allowList: () => false } },
    schema: {
      tags: ['auth'], summary: 'Change my password (8–200 characters, letters and digits, not the username); only from a logged-in session',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password }, { additionalProperties: false }),
      response: { 200: Type.Object({ user: UserView }), ...errorResponses, 422: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (req) => {
    const actor = actorOf(req);
    if (req.viaApiToken) throw forbidden(say('API 令牌不能修改密码，请登录后修改', 'An API token cannot change the password: log in to change it'));
    const { currentPassword, newPassword } = req.body;
    const key = and(eq(users.orgId, actor.orgId), eq(users.id, actor.id));
    const [row] = await app.db.select().from(users).where(key);
    if (!row || !await verifyPassword(row.passwordHash, currentPassword)) throw invalid('/currentPassword', say('当前密码不正确', 'is not your current password'));
    if (newPassword === currentPassword) throw invalid('/newPassword', say('不能与当前密码相同', 'must differ from the current password'));
    checkPasswordPolicy('/newPassword', newPassword, actor.username);
    const passwordHash = await hashPassword(newPassword);
    await runCommand(ctxOf(req), async (c) => {
      // One password for the whole account (accounts.ts): every membership's, ended sessions and tokens included.
      const rows = await c.tx.update(users).set({ passwordHash, mustChangePassword: false }).where(accountRows(row)).returning({ orgId: users.orgId, id: users.id });
      for (const r of rows) await endAccess(c.tx, r.orgId, r.id, { keys: app.keys, cookie: req.cookies[SESSION_COOKIE] });
      await c.record({ action: 'passwordChanged', entity: 'user', entityId: actor.id });
    });
    return { user: await present(app, { ...actor, mustChangePassword: false }) };
  });

  // One person in several committees (accounts.ts): their memberships, linking another login, switching.
  app.get('/memberships', {
    config: { publicAccounts: true },
    schema: { tags: ['auth'], summary: "My memberships: this login's committee and those of the other logins of my account", response: { 200: MembershipList, ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    return presentMemberships(await membershipsOf(app.db, await ownRow(app, actor)), actor);
  });

  app.post('/memberships', {
    config: { rateLimit: { max: cfg.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: 60_000, allowList: () => false } },
    schema: {
      tags: ['auth'],
      summary: "Link my login in another committee to my account, proving it with that login's password (org: its committee, when the username is in several); it takes my password. Only from a logged-in session",
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }), org: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 201: MembershipList, ...errorResponses, 400: ChooseCommitteeProblem, 409: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    if (req.viaApiToken) throw forbidden(say('API 令牌不能关联登录，请登录后操作', 'An API token cannot link logins: log in to link one'));
    // The proof is a login: throttled and answered as one (401 for a wrong username or password).
    const other = await authenticate(app, { ...req.body, address: req.ip }).catch((err: unknown) => {
      if (err instanceof Throttled) reply.header('retry-after', err.seconds);
      throw err;
    });
    await runCommand(ctxOf(req), async (c) => {
      const [mine] = await c.tx.select().from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.id))).for('update');
      if (!mine) throw notFound('User');
      const accountId = await linkLogin(c.tx, mine, other);
      await c.record({ action: 'membershipLinked', entity: 'user', entityId: actor.id, after: { accountId, orgId: other.orgId, userId: other.id, username: other.username } });
    });
    return reply.status(201).send(presentMemberships(await membershipsOf(app.db, await ownRow(app, actor)), actor));
  });

  app.delete('/memberships/:orgId', {
    schema: {
      tags: ['auth'], summary: "Take my membership in another committee out of my account: that login goes on alone with its password (its sessions end); only from a logged-in session",
      params: Type.Object({ orgId: Uuid }, { additionalProperties: false }),
      response: { 200: MembershipList, ...errorResponses, 409: Type.Ref('Problem') },
    },
  }, async (req) => {
    const actor = actorOf(req);
    if (req.viaApiToken) throw forbidden(say('API 令牌不能解除关联，请登录后操作', 'An API token cannot unlink logins: log in to unlink one'));
    await runCommand(ctxOf(req), async (c) => {
      const [mine] = await c.tx.select().from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.id))).for('update');
      if (!mine) throw notFound('User');
      const other = await unlinkLogin(c.tx, mine, req.params.orgId);
      await c.record({ action: 'membershipUnlinked', entity: 'user', entityId: actor.id, before: { accountId: mine.accountId, orgId: other.orgId, userId: other.id, username: other.username } });
    });
    return presentMemberships(await membershipsOf(app.db, await ownRow(app, actor)), actor);
  });

  // Switching committee: a new session for the account's membership there, no password asked again
  // (the session proves the account); the current session ends. Its own roles from then on.
  app.post('/switch', {
    config: { publicAccounts: true },
    schema: {
      tags: ['auth'], summary: "Work in another committee of my account: a session for my membership there (the current one ends); only from a logged-in session",
      body: Type.Object({ orgId: Uuid }, { additionalProperties: false }),
      response: { 200: Type.Object({ user: UserView }), ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    if (req.viaApiToken) throw forbidden(say('API 令牌属于一个政协的登录，不能切换', 'An API token belongs to one committee\'s login: it cannot switch'));
    const target = (await membershipsOf(app.db, await ownRow(app, actor))).find((m) => m.row.orgId === req.body.orgId);
    if (!target) throw invalid('/orgId', say('您在该政协没有登录', 'you have no membership in this committee'));
    const next = toActor(target.row);
    await destroySession(app.db, app.keys, req.cookies[SESSION_COOKIE]);
    await startSession(app, reply, next);
    await markUsed(app.db, target.row);
    return { user: await present(app, next) };
  });

  // Personal API tokens for integrations: `Authorization: Bearer <token>`.
  app.get('/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: TokenList } } }, async (req) => {
    const actor = actorOf(req);
    return { items: await tokensOf(app.db, actor.orgId, actor.id) };
  });

  app.post('/tokens', {
    schema: {
      tags: ['auth'], summary: `Create an API token (shown once), valid for expiresInDays (default ${TOKEN_DAYS.default}); only from a logged-in session`,
      body: Type.Object({
        name: Name(100),
        expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: TOKEN_DAYS.max })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.String(), name: Type.String(), expiresAt: Type.String(), token: Type.String() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    // A leaked token must not be able to outlive its own revocation by minting others.
    if (req.viaApiToken) throw forbidden(say('API 令牌不能创建令牌，请登录后创建', 'An API token cannot create tokens: log in to create one'));
    const secret = newSecret();
    const expiresAt = new Date(Date.now() + (req.body.expiresInDays ?? TOKEN_DAYS.default) * 86_400_000);
    const [row] = await app.db.insert(apiTokens).values({ orgId: actor.orgId, userId: actor.id, name: req.body.name, tokenHash: app.keys.digest(secret), expiresAt }).returning();
    return reply.status(201).send({ id: row!.id, name: row!.name, expiresAt: row!.expiresAt.toISOString(), token: `${actor.orgId}.${secret}` });
  });

  app.delete('/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    if (!await revokeToken(app.db, actor.orgId, actor.id, req.params.id)) throw notFound('Token');
    return reply.status(204).send();
  });
}
