import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import { patternMessage } from './text/fields.ts';

export interface FieldError { path: string; message: string }

/** An RFC 9457 problem; thrown anywhere, rendered by the error handler. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldError[] = [],
    /** Extension members of the problem (RFC 9457 §3.2); the route's response schema must list them. */
    readonly extensions: Record<string, unknown> = {},
  ) { super(detail ?? title); }
}

export const badRequest = (detail: string, errors: FieldError[] = []) => new Problem(400, 'Bad Request', detail, errors);
export const invalid = (path: string, message: string) => new Problem(422, 'Unprocessable Entity', `${path}: ${message}`, [{ path, message }]);
export const unauthorized = (detail = '请先登录 Login required') => new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail = '无权执行此操作 Not allowed') => new Problem(403, 'Forbidden', detail);
export const notFound = (what = 'Resource') => new Problem(404, 'Not Found', `${what} not found`);
export const conflict = (detail: string, errors: FieldError[] = []) => new Problem(409, 'Conflict', detail, errors);

function send(reply: import('fastify').FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json').send({
    ...p.extensions, type: 'about:blank', title: p.title, status: p.status, detail: p.detail ?? p.title, errors: p.errors,
  });
}

/** Maps Ajv's validation output to field errors with JSON-pointer-like paths ("/name", "/units/0/unitId"). */
function fieldErrors(err: FastifyError): FieldError[] {
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const base = v.instancePath || '';
    const where = err.validationContext && err.validationContext !== 'body' ? `${err.validationContext}` : '';
    const p = `${where}${base}${extra ? `/${extra}` : ''}` || '/';
    const message = params.additionalProperty ? `unknown field ${extra}` : patternMessage(params.pattern) ?? v.message ?? 'invalid';
    return { path: p.startsWith('/') ? p : `/${p}`, message };
  });
}

/** Postgres unique violations become 409 with the field inferred from the constraint name. */
function fromDatabase(err: { code?: string; constraint?: string; detail?: string }): Problem | undefined {
  if (err.code === '23505') {
    const field = err.constraint?.split('_').pop() ?? 'id';
    return conflict(`已存在，不能重复 Already exists (${field})`, [{ path: `/${field}`, message: '已存在 already exists' }]);
  }
  if (err.code === '22P02' || err.code === '22007' || err.code === '22008') return badRequest('Malformed value');
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    if (err instanceof Problem) return send(reply, err);
    if (err.validation) {
      const errors = fieldErrors(err);
      return send(reply, new Problem(400, 'Bad Request', `Invalid input: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors));
    }
    const db = fromDatabase((err.cause ?? err) as never);
    if (db) return send(reply, db);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, new Problem(err.statusCode, STATUS_CODES[err.statusCode] ?? 'Bad Request', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, new Problem(500, 'Internal Server Error', 'An unexpected error occurred; it has been logged.'));
  });
}

/**
 * Errors of Node's HTTP parser, raised before any request exists (an oversized header: 431, a
 * stalled request: 408, a malformed one: 400), answered as problems too. Replaces Fastify's own
 * handler, which answers the same statuses in plain JSON.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = STATUS_CODES[status]!;
  const detail = { 431: '请求头过大 Request headers too large', 408: '请求超时 Request timed out', 400: '请求格式错误 Malformed request' }[status];
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, errors: [] });
  this.log.trace({ err }, 'client error');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
