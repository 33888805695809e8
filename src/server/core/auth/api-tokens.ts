import { and, eq, isNull, sql } from 'drizzle-orm';
import { Type } from '@fastify/type-provider-typebox';
import type { Db, Tx } from '../db/client.ts';
import { apiTokens } from '../schema.ts';

// Personal API tokens as their owner and the committee's administrators see them (never the secret).

export const TokenView = Type.Object({
  id: Type.String(), name: Type.String(), createdAt: Type.String(), expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export const TokenList = Type.Object({ items: Type.Array(TokenView) });

/** A user's tokens that were not revoked, expired ones included (their date says so), oldest first. */
export async function tokensOf(db: Db, orgId: string, userId: string) {
  const rows = await db.select().from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
  return rows.map((r) => ({
    id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Revokes one of the user's tokens; the revoked row, or undefined when there is no such live token. */
export async function revokeToken(db: Db | Tx, orgId: string, userId: string, id: string) {
  const [row] = await db.update(apiTokens).set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning();
  return row;
}
