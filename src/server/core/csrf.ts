import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, say, type Localized } from './errors.ts';
import { SESSION_COOKIE } from './auth/routes.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A host and port as compared: lower case, without a default port (a Host header may name it, an Origin never does). */
const normalHost = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');

/** The host an Origin or Referer names; undefined when it names none ("null" from a no-referrer page). */
function hostOf(url: string): string | undefined {
  try { return normalHost(new URL(url).host) || undefined; } catch { return undefined; }
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  return !!type && (type === 'application/json' || type.endsWith('+json'));
}

/** Why a state-changing request may have been forged by another site, if it may. */
function forgeryProblem(req: FastifyRequest): Localized | undefined {
  if (!STATE_CHANGING.has(req.method) || !req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return undefined;
  if (req.headers.authorization?.startsWith('Bearer ')) return undefined;
  const from = req.headers.origin ?? req.headers.referer;
  const fromHost = from === undefined ? undefined : hostOf(from);
  if (fromHost && fromHost !== normalHost(req.host ?? '')) return say(`跨站请求被拒绝（来自 ${fromHost}）`, `Cross-site request refused (from ${fromHost})`);
  if (!isJson(req.headers['content-type']) && req.headers['x-requested-with'] === undefined) {
    return say('请求须为 JSON 或带 X-Requested-With 头', 'A state-changing request needs a JSON body or the X-Requested-With header');
  }
  return undefined;
}

/**
 * Cross-site request forgery guard, beside SameSite=Lax cookies: another site's page can send a
 * form (urlencoded, multipart, text/plain) or a bodiless POST with the user's session cookie, but
 * neither a JSON content type nor a custom header without a CORS preflight, which this server never
 * grants. Only requests with a session cookie are at risk; a Bearer token is never sent by a browser
 * on its own, so API clients are exempt.
 */
export function registerCsrfGuard(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    const problem = forgeryProblem(req);
    if (problem) throw forbidden(problem);
  });
}
