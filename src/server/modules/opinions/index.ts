import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Tx } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, IdParams, pageOf, Paging } from '../../core/http.ts';
import { definePolicies, hasRole, type Actor } from '../../core/policies.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import { proposalForConversion } from '../proposals/queries.ts';
import { memberLetters, opinions } from './schema.ts';

definePolicies({ 'opinion.readAll': ['staff', 'admin', 'leader'] });

/** After a proposal is converted, its text becomes a draft report or a letter of its proposer (idempotent: one per proposal). */
export async function onProposalConverted(event: DomainEvent, tx: Tx) {
  const { id, action } = event.payload as { id: string; action: string };
  if (action !== 'convert') return;
  const p = await proposalForConversion(tx, event.orgId, id);
  if (!p) return;
  const common = { orgId: event.orgId, title: p.title, body: p.body, authorName: p.proposerName, sourceProposalId: p.id };
  if (p.convertedTo === 'opinion') await tx.insert(opinions).values({ ...common, authorMemberId: p.proposerMemberId }).onConflictDoNothing();
  else await tx.insert(memberLetters).values({ ...common, memberId: p.proposerMemberId }).onConflictDoNothing();
}

const own = (actor: Actor, col: typeof opinions.authorMemberId | typeof memberLetters.memberId) =>
  hasRole(actor, 'staff', 'admin', 'leader') ? undefined : actor.memberId ? eq(col, actor.memberId) : sql`false`;

export async function opinionsModule(fastify: FastifyInstance) {
  fastify.outbox.subscribe('proposal.convert', onProposalConverted);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const iso = <T extends { createdAt: Date }>(r: T) => ({ ...r, createdAt: r.createdAt.toISOString() });

  for (const [path, table, authorCol, tag] of [['opinions', opinions, opinions.authorMemberId, 'opinions'], ['letters', memberLetters, memberLetters.memberId, 'letters']] as const) {
    app.get(`/${path}`, { schema: { tags: [tag], summary: `My ${path} (staff and leaders: all)`, querystring: Type.Object(Paging, { additionalProperties: false }) } }, async (req) => {
      const actor = actorOf(req);
      const where = and(eq(table.orgId, actor.orgId), own(actor, authorCol));
      const [rows, [count]] = await Promise.all([
        app.db.select().from(table).where(where).orderBy(desc(table.createdAt)).limit(pageOf(req.query).limit).offset(pageOf(req.query).offset),
        app.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where),
      ]);
      return { items: rows.map(iso), total: count!.n, page: req.query.page, pageSize: req.query.pageSize };
    });
    app.get(`/${path}/:id`, { schema: { tags: [tag], summary: `One of ${path}`, params: IdParams } }, async (req) => {
      const actor = actorOf(req);
      const [row] = await app.db.select().from(table).where(and(eq(table.orgId, actor.orgId), eq(table.id, req.params.id), own(actor, authorCol)));
      if (!row) throw notFound(tag);
      return iso(row);
    });
  }
}
