import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { revokeToken, TokenList, tokensOf } from '../../core/auth/api-tokens.ts';
import { runCommand } from '../../core/command.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, Uuid } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';

// An administrator sees and revokes the API tokens of the committee's logins.

const TokenParams = Type.Object({ id: Uuid, tokenId: Uuid }, { additionalProperties: false });

export async function userTokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];

  app.get('/users/:id/tokens', {
    schema: { tags, summary: "A login's API tokens (not revoked; expired ones included)", params: IdParams, response: { 200: TokenList, ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'user.manage');
    const [user] = await app.db.select({ id: users.id }).from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, req.params.id)));
    if (!user) throw notFound('User');
    return { items: await tokensOf(app.db, actor.orgId, user.id) };
  });

  app.delete('/users/:id/tokens/:tokenId', {
    schema: { tags, summary: "Revoke a login's API token", params: TokenParams, response: { ...errorResponses } },
  }, async (req, reply) => {
    await runCommand(ctxOf(req), async (c) => {
      c.authorize('user.manage');
      const row = await revokeToken(c.tx, c.actor.orgId, req.params.id, req.params.tokenId);
      if (!row) throw notFound('Token');
      await c.record({ action: 'token_revoked', entity: 'user', entityId: req.params.id, after: { tokenId: row.id, name: row.name } });
    });
    return reply.status(204).send();
  });
}
