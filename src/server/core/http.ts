import type { FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Ctx } from './command.ts';
import { unauthorized } from './errors.ts';
import { isPublicAccount, type Actor } from './policies.ts';
import { NAME_PATTERN, TEXT_PATTERN } from './text/fields.ts';

// Shared pieces of route definitions.

export const Uuid = Type.String({ format: 'uuid' });
/** A calendar day, YYYY-MM-DD. */
export const Day = Type.String({ format: 'date' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
/** A name or title a person types: one line with a visible character, no control characters. */
export const Name = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: NAME_PATTERN });
/** A login name: letters, digits and _ . @ - */
export const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' });
/** A text a person types (a body, a reason, a note): the same, over several lines. */
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN });
export const Paging = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};
export const ProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(),
  errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
}, { $id: 'Problem' });

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** Standard error responses for the OpenAPI document. */
export const errorResponses = { 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 403: Type.Ref('Problem'), 404: Type.Ref('Problem') };

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

export function ctxOf(req: FastifyRequest): Ctx {
  return { db: req.server.db, actor: actorOf(req), requestId: req.id, outbox: req.server.outbox };
}

export const pageOf = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/**
 * What a registered member of the public may write (propose, support, favourite, report) a minute;
 * the committee's own people are accountable and not limited; anonymous callers cannot write at all.
 */
export const PUBLIC_WRITES_PER_MINUTE = 30;
/** A route's config: public accounts (网民) write here as themselves, PUBLIC_WRITES_PER_MINUTE each. */
export const publicWrites = {
  publicAccounts: true,
  rateLimit: {
    max: PUBLIC_WRITES_PER_MINUTE, timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => req.actor?.id ?? req.ip ?? 'gone',
    allowList: (req: FastifyRequest) => !!req.actor && !isPublicAccount(req.actor),
  },
};
