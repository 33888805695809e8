import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import './audit-subjects.ts';
import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Tx } from '../../core/db/client.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, IdParams, pageOf, Paging } from '../../core/http.ts';
import { hasRole, type Actor } from '../../core/policies.ts';
import type { DomainEvent } from '../../core/outbox.ts';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { proposalForConversion } from '../proposals/queries.ts';
import { opinionRoutes } from './routes.ts';
import { memberLetters, opinions } from './schema.ts';
import { FIRST_ROWS, filtersOf, listExportRoutes } from '../../core/list-export.ts';
import type { Column } from '../../core/xlsx.ts';
import { chinaTime } from '../../core/china-time.ts';

/**
 * After a proposal is converted, its text becomes a draft report or a letter of its proposer
 * (idempotent: one per proposal). The report stays a draft: the member shortens it to the
 * report's limit if need be and submits it; the office sees the draft, as it made it.
 */
export async function onProposalConverted(event: DomainEvent, tx: Tx) {
  const { id, action } = event.payload as { id: string; action: string };
  if (action !== 'convert') return;
  const p = await proposalForConversion(tx, event.orgId, id);
  if (!p) return;
  const common = { orgId: event.orgId, title: p.title, body: p.body, authorName: p.proposerName, sourceProposalId: p.id };
  if (p.convertedTo === 'opinion') await tx.insert(opinions).values({ ...common, authorMemberId: p.proposerMemberId }).onConflictDoNothing();
  else await tx.insert(memberLetters).values({ ...common, memberId: p.proposerMemberId }).onConflictDoNothing();
}

// Staff: reports to review and approved ones to forward. Members: returned ones to revise, and
// drafts made from their converted proposals to complete and submit.
addTodoSource(async (db, actor) => {
  const out: TodoItem[] = [];
  if (actor.memberId) {
    const mine = await db.select({ id: opinions.id, title: opinions.title, state: opinions.state }).from(opinions)
      .where(and(eq(opinions.orgId, actor.orgId), eq(opinions.authorMemberId, actor.memberId),
        sql`(${opinions.state} = 'returned' or (${opinions.state} = 'draft' and ${isNotNull(opinions.sourceProposalId)}))`))
      .orderBy(desc(opinions.updatedAt));
    out.push(...mine.map((o) => o.state === 'returned'
      ? { kind: 'opinionReturned', title: `修改后重新提交社情民意：${o.title}`, params: { title: o.title }, href: `/opinions/${o.id}` }
      : { kind: 'opinionConverted', title: `完善并提交社情民意（由提案转来）：${o.title}`, params: { title: o.title }, href: `/opinions/${o.id}` }));
  }
  if (hasRole(actor, 'staff')) {
    const counts = await db.select({ state: opinions.state, n: sql<number>`count(*)::int` }).from(opinions)
      .where(and(eq(opinions.orgId, actor.orgId), inArray(opinions.state, ['submitted', 'approved']))).groupBy(opinions.state);
    const n = (s: string) => counts.find((c) => c.state === s)?.n ?? 0;
    if (n('submitted')) out.push({ kind: 'opinionReview', title: `待审核的社情民意信息 ${n('submitted')} 篇`, params: { n: n('submitted') }, href: '/opinions/review' });
    if (n('approved')) out.push({ kind: 'opinionForward', title: `待报送的社情民意信息 ${n('approved')} 篇`, params: { n: n('approved') }, href: '/opinions/review?tab=approved' });
  }
  return out;
});

const ownLetters = (actor: Actor) =>
  hasRole(actor, 'staff', 'admin', 'leader') ? undefined : actor.memberId ? eq(memberLetters.memberId, actor.memberId) : sql`false`;

type Letter = typeof memberLetters.$inferSelect;
const LETTER_STATES: Record<string, string> = { received: '已收到' };
const letterColumns: Column<Omit<Letter, 'createdAt'> & { createdAt: string }>[] = [
  { header: '标题', value: (l) => l.title, width: 40 }, { header: '来信人', value: (l) => l.authorName, width: 16 },
  { header: '状态', value: (l) => LETTER_STATES[l.state] ?? l.state, width: 10 }, { header: '由提案转来', value: (l) => (l.sourceProposalId ? '是' : ''), width: 10 },
  { header: '收到时间', value: (l) => chinaTime(l.createdAt), width: 18 }, { header: '正文', value: (l) => l.body, width: 80 },
];

/** 委员来信 made from converted proposals: read only, for now. */
async function letterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const iso = <T extends { createdAt: Date }>(r: T) => ({ ...r, createdAt: r.createdAt.toISOString() });
  const LetterFilters = Type.Object(Paging, { additionalProperties: false });
  /** The letters the caller may read, newest first. */
  const list = async (actor: Actor, { limit, offset }: { limit: number; offset: number }) => {
    const where = and(eq(memberLetters.orgId, actor.orgId), ownLetters(actor));
    const [rows, [count]] = await Promise.all([
      app.db.select().from(memberLetters).where(where).orderBy(desc(memberLetters.createdAt)).limit(limit).offset(offset),
      app.db.select({ n: sql<number>`count(*)::int` }).from(memberLetters).where(where),
    ]);
    return { items: rows.map(iso), total: count!.n };
  };
  app.get('/letters', { schema: { tags: ['letters'], summary: 'My letters (staff and leaders: all)', querystring: LetterFilters } }, async (req) =>
    ({ ...(await list(actorOf(req), pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));
  listExportRoutes(app, '/letters', {
    tags: ['letters'], summary: 'The same letters', querystring: filtersOf(LetterFilters.properties), file: 'member-letters', name: '委员来信', columns: () => letterColumns,
  }, (req) => list(actorOf(req), FIRST_ROWS));
  app.get('/letters/:id', { schema: { tags: ['letters'], summary: 'One letter', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const [row] = await app.db.select().from(memberLetters).where(and(eq(memberLetters.orgId, actor.orgId), eq(memberLetters.id, req.params.id), ownLetters(actor)));
    if (!row) throw notFound('letters');
    return iso(row);
  });
}

export async function opinionsModule(fastify: FastifyInstance) {
  fastify.outbox.subscribe('proposal.convert', onProposalConverted);
  await fastify.register(opinionRoutes);
  await fastify.register(letterRoutes);
}
