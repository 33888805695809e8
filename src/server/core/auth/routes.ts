import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiTokens, orgs } from '../schema.ts';
import { notFound } from '../errors.ts';
import { actorOf, errorResponses, IdParams, Uuid } from '../http.ts';
import type { Actor } from '../policies.ts';
import { authenticate, ChooseCommitteeProblem } from './login.ts';
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
      response: { 200: Type.Object({ user: UserView }), ...errorResponses, 400: ChooseCommitteeProblem },
    },
  }, async (req, reply) => {
    const user = await authenticate(app, { ...req.body, requestId: req.id });
    const actor = toActor(user);
    const token = await createSession(app.db, app.keys, actor, cfg.SESSION_TTL_HOURS);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: cfg.COOKIE_SECURE, path: '/', maxAge: cfg.SESSION_TTL_HOURS * 3600,
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
  const TokenView = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) });
  app.get('/tokens', { schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: Type.Object({ items: Type.Array(TokenView) }) } } }, async (req) => {
    const actor = actorOf(req);
    const rows = await app.db.select().from(apiTokens)
      .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .orderBy(apiTokens.createdAt);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null })) };
  });

  app.post('/tokens', {
    schema: {
      tags: ['auth'], summary: 'Create an API token (shown once)',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const secret = newSecret();
    const [row] = await app.db.insert(apiTokens).values({ orgId: actor.orgId, userId: actor.id, name: req.body.name, tokenHash: app.keys.digest(secret) }).returning();
    return reply.status(201).send({ id: row!.id, name: row!.name, token: `${actor.orgId}.${secret}` });
  });

  app.delete('/tokens/:id', { schema: { tags: ['auth'], summary: 'Revoke an API token', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const [row] = await app.db.update(apiTokens).set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.id), eq(apiTokens.id, req.params.id), isNull(apiTokens.revokedAt))).returning();
    if (!row) throw notFound('Token');
    return reply.status(204).send();
  });
}
