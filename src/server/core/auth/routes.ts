import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiTokens, orgs, TOKEN_DAYS } from '../schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { actorOf, errorResponses, IdParams, Name, Uuid } from '../http.ts';
import type { Actor } from '../policies.ts';
import { revokeToken, TokenList, tokensOf } from './api-tokens.ts';
import { authenticate, ChooseCommitteeProblem } from './login.ts';
import { DEVICE_COOKIE, deviceCookie, Throttled } from './throttle.ts';
import { createSession, destroySession, newSecret, toActor } from './tokens.ts';

export const SESSION_COOKIE = 'tx_session';

export const UserView = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()),
  orgId: Type.String(), orgName: Type.String(), memberId: Type.Union([Type.String(), Type.Null()]), unitId: Type.Union([Type.String(), Type.Null()]),
});

async function present(app: FastifyInstance, actor: Actor) {
  const [org] = await app.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, actor.orgId));
  return { id: actor.id, username: actor.username, displayName: actor.displayName, roles: actor.roles, orgId: actor.orgId, orgName: org?.name ?? '', memberId: actor.memberId, unitId: actor.unitId };
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
    const token = await createSession(app.db, app.keys, actor, cfg.SESSION_TTL_HOURS);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: cfg.COOKIE_SECURE, path: '/', maxAge: cfg.SESSION_TTL_HOURS * 3600,
    });
    // Marks this browser as one the user logs in from (throttle.ts): sent to the login route only.
    reply.setCookie(DEVICE_COOKIE, deviceCookie(app.keys, user.username, device), {
      httpOnly: true, sameSite: 'lax', secure: cfg.COOKIE_SECURE, path: '/api/v1/auth/login', maxAge: 366 * 86_400,
    });
    return { user: await present(app, actor) };
  });

  app.post('/logout', { config: { public: true }, schema: { tags: ['auth'], summary: 'Log out' } }, async (req, reply) => {
    await destroySession(app.db, app.keys, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', { schema: { tags: ['auth'], summary: 'The current user', response: { 200: Type.Object({ user: UserView }), ...errorResponses } } },
    async (req) => ({ user: await present(app, actorOf(req)) }));

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
    if (req.viaApiToken) throw forbidden('API 令牌不能创建令牌，请登录后创建 An API token cannot create tokens: log in to create one');
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
