import http from 'node:http';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'], styleSrc: ["'self'", "'unsafe-inline'"],
  scriptSrc: ["'self'"], connectSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"],
};

/** The headers helmet sets with these options, worked out once on a response that is never sent. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const res = new http.ServerResponse(new http.IncomingMessage(new net.Socket()));
  helmet(options)(res.req, res, () => {});
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
}

/**
 * Helmet's security headers, computed at start rather than on every request. HSTS, the CSP's
 * upgrade-insecure-requests and Cross-Origin-Opener-Policy go only over HTTPS (the request's protocol, which honours TRUST_PROXY)
 * or when COOKIE_SECURE says the site is served over HTTPS: over plain HTTP on an intranet they
 * would send the browser to an https:// that does not exist, and the page would stay blank.
 */
export function registerSecurityHeaders(app: FastifyInstance, httpsAlways: boolean) {
  const overHttps = helmetHeaders({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } });
  // (Cross-Origin-Opener-Policy too: a browser ignores it on an http:// origin, with an error in the console.)
  const overHttp = helmetHeaders({
    contentSecurityPolicy: { directives: { ...CSP_DIRECTIVES, upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(httpsAlways || req.protocol === 'https' ? overHttps : overHttp);
  });
}

/**
 * Private answers are not kept by browsers or shared caches: every API response to a logged-in
 * caller, and every answer of a route that is not public. Public answers to anonymous callers
 * (and the web app's files) keep their own caching headers.
 */
export function registerNoStore(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/api/') || (!req.actor && req.routeOptions.config?.public)) return;
    if (!String(reply.getHeader('cache-control') ?? '').includes('no-store')) reply.header('cache-control', 'no-store');
  });
}
