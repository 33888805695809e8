import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './core/config.ts';
import type { Database, Db } from './core/db/client.ts';
import { ping } from './core/db/client.ts';
import { clientErrorHandler, forbidden, notFound, Problem, problemBody, langOf, registerErrorHandling, say, statusDetail, tryAgainIn, unauthorized } from './core/errors.ts';
import { ProblemSchema } from './core/http.ts';
import { Outbox } from './core/outbox.ts';
import { endStreams, openBus, RedisBus, type LiveBus } from './core/live.ts';
import { isPublicAccount, type Actor } from './core/policies.ts';
import { TokenKeys, actorFromApiToken, actorFromSession } from './core/auth/tokens.ts';
import { passwordChangeRequired } from './core/auth/password-policy.ts';
import { lazySchemas, registerTextGuard, schemaErrorFormatter } from './core/validation.ts';
import { registerNoStore, registerSecurityHeaders } from './core/security-headers.ts';
import { registerCsrfGuard } from './core/csrf.ts';
import { loggerOptions, type LogOptions } from './core/logging.ts';
import { authRoutes, SESSION_COOKIE } from './core/auth/routes.ts';
import { auditRoutes, backupRoutes } from './core/audit/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { proposalsModule } from './modules/proposals/index.ts';
import { opinionsModule } from './modules/opinions/index.ts';
import { selectionModule } from './modules/selection/index.ts';
import { liaisonModule } from './modules/liaison/index.ts';
import { partyModule } from './modules/party/index.ts';
import { consultationsModule } from './modules/consultations/index.ts';
import { creationModule } from './modules/creation/index.ts';
import { recordsModule } from './modules/records/index.ts';
import { libraryModule } from './modules/library/index.ts';
import { reportsModule } from './modules/reports/index.ts';
import { openDataModule } from './modules/opendata/index.ts';
import { searchModule } from './modules/search/index.ts';
import { REMINDER_JOB } from './modules/handling/engine.ts';
import { runReminder } from './modules/handling/reminders.ts';
import { JobRunner } from './core/jobs.ts';
import { logSms, registerDelivery } from './core/notify.ts';
import { smtpSender } from './core/mail.ts';
import { notificationRoutes } from './core/notifications-routes.ts';
import { registerWebApp } from './core/web-app.ts';
import { version } from './version.ts';

declare module 'fastify' {
  interface FastifyInstance { db: Db; engine: Database['engine']; outbox: Outbox; jobs: JobRunner; config: Config; keys: TokenKeys; live: LiveBus }
  interface FastifyRequest { actor: Actor | null; viaApiToken: boolean }
  /**
   * public: no login needed; duringPasswordChange: open to a user who must change their password first;
   * publicAccounts: open to public accounts (网民), who are visitors on every other public route and refused elsewhere.
   */
  interface FastifyContextConfig { public?: boolean; duringPasswordChange?: boolean; publicAccounts?: boolean }
}

/** logger: false for none; an object adds pino options (a test's stream) to the configured level and redaction. */
export interface AppOptions { config: Config; database: Database; logger?: false | LogOptions }

/** Builds the HTTP app: core plugins, then every module. */
export async function buildApp({ config, database, logger }: AppOptions): Promise<FastifyInstance> {
  const schemas = lazySchemas();
  const app = Fastify({
    schemaController: schemas.schemaController,
    logger: logger === false ? false : loggerOptions(config.LOG_LEVEL, logger),
    clientErrorHandler,
    schemaErrorFormatter,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY ?? false,
    routerOptions: { maxParamLength: 200 },
    // Errors the router raises before any route runs (a broken %-escape, an overlong parameter) are problems too.
    frameworkErrors: (err, req, reply) => {
      const status = (err as { statusCode?: number }).statusCode ?? 400;
      const problem = new Problem(status, status === 414 ? 'URI Too Long' : 'Bad Request', say(statusDetail(status).zh, err.message));
      void (reply as import('fastify').FastifyReply).status(status).type('application/problem+json').send(problemBody(problem, langOf(req.headers['accept-language'])));
    },
  });
  app.setValidatorCompiler(schemas.validatorCompiler);
  app.addHook('onListen', async () => schemas.compileWhenIdle());
  app.decorate('db', database.db);
  app.decorate('engine', database.engine);
  app.decorate('config', config);
  app.decorate('outbox', new Outbox(database.db, app.log));
  app.decorate('jobs', new JobRunner(database.db, app.log));
  app.jobs.register(REMINDER_JOB, runReminder);
  registerDelivery(app.outbox, { sms: logSms(app.log), mail: config.SMTP_URL ? smtpSender(config.SMTP_URL, config.MAIL_FROM) : undefined });
  app.decorate('keys', await TokenKeys.load(database.db, config.SESSION_SECRET));
  app.decorate('live', await openBus(config.REDIS_URL, app.log));
  app.decorateRequest('actor', null);
  app.decorateRequest('viaApiToken', false);
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);
  registerTextGuard(app);

  app.addHook('onSend', async (req, reply) => { reply.header('x-request-id', req.id); });
  registerSecurityHeaders(app, config.COOKIE_SECURE);
  registerNoStore(app);
  registerCsrfGuard(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });

  // Who is calling: a session cookie or a personal API token. Routes are private unless marked public.
  app.addHook('onRequest', async (req) => {
    const auth = req.headers.authorization;
    req.viaApiToken = !!auth?.startsWith('Bearer ');
    req.actor = req.viaApiToken
      ? await actorFromApiToken(app.db, app.keys, auth!.slice(7).trim())
      : await actorFromSession(app.db, app.keys, req.cookies[SESSION_COOKIE]);
    const docs = req.url.startsWith('/api/docs');
    const api = !docs && req.routeOptions.url?.startsWith('/api/');
    const { public: open, duringPasswordChange, publicAccounts } = req.routeOptions.config ?? {};
    // A user whose password an administrator set may only choose a new one: elsewhere they are a visitor at most.
    if (req.actor?.mustChangePassword && api && !duringPasswordChange) {
      if (!open) throw passwordChangeRequired();
      req.actor = null;
    }
    // A public account (网民) comments and votes where a route says so; elsewhere it is a visitor at most.
    if (req.actor && isPublicAccount(req.actor) && api && !publicAccounts) {
      if (!open) throw forbidden(say('网民账号不能使用此功能', 'A public account cannot use this'));
      req.actor = null;
    }
    if (!req.actor && api && !open) throw unauthorized();
  });
  // Anonymous callers of the API are rate limited per address; logged-in users are accountable and are
  // not. The web's files are not counted: a page and its scripts are dozens of requests, and an office
  // or a campus behind one address opening the login page would soon be refused its scripts.
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: config.RATE_LIMIT_PUBLIC_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (req) => !!req.actor || !req.url.startsWith('/api/'),
    // A client that hung up before its turn has no address any more: one bucket for those, not a 500.
    keyGenerator: (req) => req.ip ?? 'gone',
    // Shared by every instance when they share a Redis.
    ...(app.live instanceof RedisBus ? { redis: app.live.client } : {}),
    errorResponseBuilder: (_req, ctx) => {
      const wait = tryAgainIn(Math.ceil(ctx.ttl / 1000));
      return new Problem(429, 'Too Many Requests', say(`请求过于频繁，请 ${wait.zh}后再试`, `Too many requests: try again in ${wait.en}`));
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'tongxin 同心 API', version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Liveness and database check' },
  }, async () => {
    try { await ping(app.db); } catch { throw new Problem(503, 'Service Unavailable', say('数据库无法连接', 'database unreachable')); }
    return { status: 'ok', db: app.engine, version };
  });

  await app.register(authRoutes, { prefix: '/api/v1/auth' });
  await app.register(auditRoutes, { prefix: '/api/v1' });
  await app.register(backupRoutes, { prefix: '/api/v1' });
  await app.register(notificationRoutes, { prefix: '/api/v1' });
  await app.register(orgRoutes, { prefix: '/api/v1' });
  await app.register(proposalsModule, { prefix: '/api/v1' });
  await app.register(opinionsModule, { prefix: '/api/v1' });
  await app.register(selectionModule, { prefix: '/api/v1' });
  await app.register(liaisonModule, { prefix: '/api/v1' });
  await app.register(partyModule, { prefix: '/api/v1' });
  await app.register(consultationsModule, { prefix: '/api/v1' });
  await app.register(creationModule, { prefix: '/api/v1' });
  await app.register(recordsModule, { prefix: '/api/v1' });
  await app.register(reportsModule, { prefix: '/api/v1' });
  await app.register(openDataModule, { prefix: '/api/v1' });
  await app.register(libraryModule);
  await app.register(searchModule, { prefix: '/api/v1' });

  // The built web app, with client-side routes falling back to index.html.
  const hasWeb = await registerWebApp(app, config.WEB_DIR);
  app.setNotFoundHandler((req, reply) => {
    // (a script or file of another build is missing, not a page: 404, not the page's HTML)
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api') && !req.url.startsWith('/assets/')) return reply.sendFile('index.html');
    throw notFound('Route');
  });

  app.addHook('onReady', async () => { app.outbox.start(); app.jobs.start(config.JOBS_INTERVAL_SECONDS * 1000); });
  app.addHook('preClose', async () => { endStreams(app.live); });
  app.addHook('onClose', async () => { await app.jobs.stop(); await app.outbox.stop(); await app.live.close(); });
  return app;
}
