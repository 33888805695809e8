import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import AhoCorasick from 'modern-ahocorasick';
import { recordAll, runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import type { Queryable, Tx } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import type { LiveBus, LiveMessage } from '../../core/live.ts';
import { isPublicAccount, type Actor } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { members, sectors } from '../org/schema.ts';
import { rankTallied, type ConsensusRank } from './consensus.ts';
import { today } from '../handling/deadlines.ts';
import { consultationCommentVotes as votes, consultationComments as comments, commentSequence, consultations, sensitiveWords } from './schema.ts';

// Online comments (网络议政): anyone logged in (public accounts too) comments while staff keep them
// open; pre-moderation or a sensitive word holds a comment until staff approve it. Each comment that
// becomes visible takes the next number of commentSequence: the id of its event on the live stream,
// so that a reconnect asks for what came after the last it saw.

export type Comment = typeof comments.$inferSelect;
export type VoteValue = 'support' | 'oppose';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A comment as the public sees it (and the stream sends it). */
export const presentComment = (c: Comment) => ({
  id: c.id, consultationId: c.consultationId, seq: c.seq, content: c.content, replyTo: c.replyTo, authorName: c.authorName,
  status: c.status, supports: c.supports, opposes: c.opposes, createdAt: iso(c.createdAt)!,
});
/** …and as staff moderate it. */
const presentForStaff = (c: Comment) => ({ ...presentComment(c), authorId: c.authorId, heldFor: c.heldFor, hiddenReason: c.hiddenReason, moderatedAt: iso(c.moderatedAt) });

/** The live channel of a consultation's comments, and the staff one of those waiting for them. */
export const commentChannel = (orgId: string, id: string) => `consultation:${orgId}:${id}:comments`;
export const queueChannel = (orgId: string, id: string) => `consultation:${orgId}:${id}:held`;

/**
 * The consultation whose comments the caller may read: a login of the committee (not a public
 * account) reads them at any time; anyone else while they are open. Else 404.
 */
export async function commentable(db: Queryable, actor: Actor | null, id: string) {
  const insider = actor && !isPublicAccount(actor);
  const [c] = await db.select().from(consultations).where(and(
    eq(consultations.id, id),
    actor ? eq(consultations.orgId, actor.orgId) : undefined,
    insider ? undefined : eq(consultations.commentsOpen, true),
  ));
  if (!c) throw notFound('Consultation');
  return c;
}

// ---- sensitive words -------------------------------------------------------------------------

const matchers = new Map<string, { key: string; matcher: AhoCorasick }>();
/** Words are matched without case and spaces. */
const folded = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export async function sensitiveWordsOf(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.select({ word: sensitiveWords.word }).from(sensitiveWords).where(eq(sensitiveWords.orgId, orgId)).orderBy(asc(sensitiveWords.word));
  return rows.map((r) => r.word);
}

/**
 * The committee's sensitive-word check: a function answering the first sensitive word in a text, if
 * any. One read of the list; the compiled Aho–Corasick automaton is kept per committee and word list,
 * so a batch of comments (or many batches) compiles it once.
 */
export async function sensitiveCheck(db: Queryable, orgId: string): Promise<(text: string) => string | null> {
  const words = await sensitiveWordsOf(db, orgId);
  if (!words.length) return () => null;
  const key = words.join('\n');
  let m = matchers.get(orgId);
  if (m?.key !== key) matchers.set(orgId, m = { key, matcher: new AhoCorasick(words.map(folded)) });
  const { matcher } = m;
  return (text) => {
    const hit = matcher.findFirst(folded(text));
    return hit ? words[hit.patternIndex]! : null;
  };
}

/** Staff replace the committee's list of sensitive words. */
export function setSensitiveWords(ctx: Ctx, list: string[]) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultation.moderate');
    const words = [...new Set(list.map((w) => w.trim()).filter(Boolean))];
    const before = await sensitiveWordsOf(c.tx, c.actor.orgId);
    await c.tx.delete(sensitiveWords).where(eq(sensitiveWords.orgId, c.actor.orgId));
    if (words.length) await c.tx.insert(sensitiveWords).values(words.map((word) => ({ orgId: c.actor.orgId, word })));
    await c.record({ action: 'updated', entity: 'sensitiveWords', entityId: c.actor.orgId, before: { count: before.length }, after: { count: words.length } });
    return words.sort();
  });
}

// ---- posting ---------------------------------------------------------------------------------

const nextSeq = sql<number>`nextval(${commentSequence.seqName})`;
/** A comment's text by its digest (the repeat check reads the index on it, not every comment of the author). */
const contentDigest = sql<string>`md5(${comments.content})`;

/**
 * Before a comment of this consultation takes its number: waits for any other transaction that took
 * one to commit, so numbers are committed in order and a reconnect asking for those after N misses none.
 */
const inTurn = (tx: Tx, consultationId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`comment-seq:${consultationId}`}))`);

/** What a member's duty record counts (events.md): the comment, its author's member id, the day. */
const postedPayload = (row: Pick<Comment, 'id' | 'consultationId' | 'authorId'>, memberId: string | null) =>
  ({ id: row.id, consultationId: row.consultationId, memberIds: memberId ? [memberId] : [], occurredOn: today(), authorUserId: row.authorId });

/** The author's member id, for a comment approved later (the poster's is the actor's). */
async function memberOf(c: CommandScope, orgId: string, userId: string) {
  const [author] = await c.tx.select({ memberId: users.memberId }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return author?.memberId ?? null;
}

export interface Posted { comment: Comment; publish: LiveMessage; channel: string }
export interface CommentInput { ctx: Ctx; consultationId: string; content: string; replyTo?: string }

/** One comment (a test or a caller without a batch): postComments with one item. */
export async function postComment(ctx: Ctx, consultationId: string, input: { content: string; replyTo?: string }): Promise<Posted> {
  const [r] = await postComments([{ ctx, consultationId, ...input }]);
  if (r instanceof Error) throw r;
  return r!;
}

/**
 * Posts comments, several in one transaction (the route gathers those that arrive together: core/
 * group-commit.ts), each answered on its own: its comment, or its own refusal — 404 for no such
 * consultation, 409 when comments are not open, 422 for a reply to no visible comment of this
 * consultation or the same text again from the same account (in the batch too). Held when the
 * consultation is pre-moderated or the text has a sensitive word. A batch costs the statements of one
 * comment: the consultations read (locked for share), the replies' and repeats' checks, the word
 * lists, every audit entry and event in one statement, the number lock, one insert, one commit.
 */
export async function postComments(items: CommentInput[]): Promise<(Posted | Error)[]> {
  if (!items.length) return [];
  const out: (Posted | Error | undefined)[] = items.map(() => undefined);
  const first = items[0]!.ctx;
  await first.db.transaction(async (tx) => {
    const alive = () => items.flatMap((it, i) => (out[i] ? [] : [{ it, i, orgId: it.ctx.actor.orgId }]));
    const pairs = [...new Map(items.map((it) => [`${it.ctx.actor.orgId}:${it.consultationId}`, { orgId: it.ctx.actor.orgId, id: it.consultationId }])).values()];
    const found = await tx.select().from(consultations)
      .where(or(...pairs.map((p) => and(eq(consultations.orgId, p.orgId), eq(consultations.id, p.id))))).for('share');
    const consOf = new Map(found.map((c) => [`${c.orgId}:${c.id}`, c]));
    for (const { it, i, orgId } of alive()) {
      const cons = consOf.get(`${orgId}:${it.consultationId}`);
      if (!cons) out[i] = notFound('Consultation');
      else if (!cons.commentsOpen) out[i] = conflict(say('网络议政未开放或已结束，不能发表评论', 'Online comments are not open'));
    }
    const orgIds = [...new Set(items.map((it) => it.ctx.actor.orgId))];
    const replying = alive().filter((x) => x.it.replyTo);
    if (replying.length) {
      const targets = await tx.select({ orgId: comments.orgId, id: comments.id, consultationId: comments.consultationId, status: comments.status }).from(comments)
        .where(and(inArray(comments.orgId, orgIds), inArray(comments.id, [...new Set(replying.map((x) => x.it.replyTo!))])));
      const visible = new Set(targets.filter((t) => t.status === 'visible').map((t) => `${t.orgId}:${t.consultationId}:${t.id}`));
      for (const { it, i, orgId } of replying) {
        if (!visible.has(`${orgId}:${it.consultationId}:${it.replyTo}`)) out[i] = invalid('/replyTo', say('要回复的评论不存在', 'no such comment to reply to'));
      }
    }
    // The same text again from the same account: before, or earlier in this batch.
    const repeatKey = (orgId: string, consultationId: string, authorId: string, content: string) => `${orgId}:${consultationId}:${authorId}:${content}`;
    const candidates = alive().map((x) => ({ ...x, content: x.it.content.trim() }));
    const seen = new Set<string>();
    if (candidates.length) {
      const before = await tx.select({ orgId: comments.orgId, consultationId: comments.consultationId, authorId: comments.authorId, content: comments.content }).from(comments)
        .where(and(inArray(comments.orgId, orgIds), inArray(comments.consultationId, [...new Set(candidates.map((x) => x.it.consultationId))]),
          inArray(comments.authorId, [...new Set(candidates.map((x) => x.it.ctx.actor.id))]),
          inArray(contentDigest, [...new Set(candidates.map((x) => x.content))].map((t) => sql`md5(${t})`))));
      for (const r of before) seen.add(repeatKey(r.orgId, r.consultationId, r.authorId, r.content));
    }
    const checks = new Map<string, (text: string) => string | null>();
    for (const orgId of new Set(candidates.map((x) => x.orgId))) checks.set(orgId, await sensitiveCheck(tx, orgId));
    const rows: (Omit<typeof comments.$inferInsert, 'seq'> & { seq: SQL<number> | null; i: number })[] = [];
    for (const { it, i, orgId, content } of candidates) {
      const key = repeatKey(orgId, it.consultationId, it.ctx.actor.id, content);
      if (seen.has(key)) { out[i] = invalid('/content', say('您已发表过相同的评论，请勿重复发表', 'you have posted the same comment already')); continue; }
      seen.add(key);
      const heldFor = checks.get(orgId)!(content) ? 'sensitive' : consOf.get(`${orgId}:${it.consultationId}`)!.commentsModeration === 'pre' ? 'pre' : null;
      rows.push({
        i, id: randomUUID(), orgId, consultationId: it.consultationId, authorId: it.ctx.actor.id, authorName: it.ctx.actor.displayName, content,
        replyTo: it.replyTo ?? null, status: heldFor ? 'held' : 'visible', heldFor, seq: heldFor ? null : nextSeq,
      });
    }
    if (!rows.length) return;
    // Audited before the numbers are taken: from the lock to the commit, every other comment of the
    // consultation waits, so that stretch is the insert and the commit alone.
    await recordAll(tx, rows.map((r) => {
      const { ctx } = items[r.i]!;
      const consultationId = r.consultationId;
      return r.heldFor
        ? { actor: ctx.actor, requestId: ctx.requestId, entry: { action: 'held', entity: 'consultationComment', entityId: r.id!, after: { status: 'held', heldFor: r.heldFor, consultationId } }, payload: { id: r.id, consultationId, heldFor: r.heldFor } }
        : { actor: ctx.actor, requestId: ctx.requestId, entry: { action: 'posted', entity: 'consultationComment', entityId: r.id!, after: { status: 'visible', consultationId } }, payload: postedPayload({ id: r.id!, consultationId, authorId: ctx.actor.id }, ctx.actor.memberId) };
    }));
    for (const consultationId of [...new Set(rows.filter((r) => !r.heldFor).map((r) => r.consultationId))].sort()) await inTurn(tx, consultationId);
    const inserted = await tx.insert(comments).values(rows.map(({ i: _, ...r }) => r)).returning();
    const byId = new Map(inserted.map((c) => [c.id, c]));
    for (const r of rows) {
      const comment = byId.get(r.id!)!;
      out[r.i] = comment.status === 'held'
        ? { comment, channel: queueChannel(comment.orgId, comment.consultationId), publish: { event: 'held', data: presentForStaff(comment) } }
        : { comment, channel: commentChannel(comment.orgId, comment.consultationId), publish: { event: 'comment', id: comment.seq!, data: presentComment(comment) } };
    }
  });
  void first.outbox.kick();
  return out.map((r) => r!);
}

/** A comment of this consultation, locked; 404 when there is none. */
async function lockComment(c: CommandScope, consultationId: string, id: string) {
  const [row] = await c.tx.select().from(comments)
    .where(and(eq(comments.orgId, c.actor.orgId), eq(comments.consultationId, consultationId), eq(comments.id, id))).for('update');
  if (!row) throw notFound('Comment');
  return row;
}

/** Staff approve a held comment: it becomes visible (and counts as posted for its author). */
export function approveComment(ctx: Ctx, consultationId: string, id: string): Promise<Posted[]> {
  return runCommand(ctx, async (c) => {
    const row = await lockComment(c, consultationId, id);
    c.authorize('consultation.moderate', row);
    if (row.status !== 'held') throw conflict(say('只能通过待审核的评论', 'Only a held comment can be approved'));
    await inTurn(c.tx, consultationId);
    const [after] = await c.tx.update(comments).set({ status: 'visible', seq: nextSeq, moderatedBy: c.actor.id, moderatedAt: sql`now()` })
      .where(and(eq(comments.orgId, row.orgId), eq(comments.id, id))).returning();
    await c.record({ action: 'approved', entity: 'consultationComment', entityId: id, before: { status: 'held' }, after: { status: 'visible', consultationId } });
    await c.record({ action: 'posted', entity: 'consultationComment', entityId: id, after: { status: 'visible', consultationId } }, postedPayload(after!, await memberOf(c, row.orgId, row.authorId)));
    return [
      { comment: after!, channel: commentChannel(row.orgId, consultationId), publish: { event: 'comment', id: after!.seq!, data: presentComment(after!) } },
      { comment: after!, channel: queueChannel(row.orgId, consultationId), publish: { event: 'moderated', data: { id, status: 'visible' } } },
    ];
  });
}

/** Staff hide a comment, held or visible, with the reason. */
export function hideComment(ctx: Ctx, consultationId: string, id: string, reason: string): Promise<Posted[]> {
  return runCommand(ctx, async (c) => {
    const row = await lockComment(c, consultationId, id);
    c.authorize('consultation.moderate', row);
    if (row.status === 'hidden') throw conflict(say('该评论已被隐藏', 'The comment is hidden already'));
    const [after] = await c.tx.update(comments).set({ status: 'hidden', hiddenReason: reason, moderatedBy: c.actor.id, moderatedAt: sql`now()` })
      .where(and(eq(comments.orgId, row.orgId), eq(comments.id, id))).returning();
    await c.record({ action: 'hidden', entity: 'consultationComment', entityId: id, before: { status: row.status }, after: { status: 'hidden', reason, consultationId } });
    const out: Posted[] = [{ comment: after!, channel: queueChannel(row.orgId, consultationId), publish: { event: 'moderated', data: { id, status: 'hidden' } } }];
    if (row.status === 'visible') out.push({ comment: after!, channel: commentChannel(row.orgId, consultationId), publish: { event: 'hidden', data: { id } } });
    return out;
  });
}

/** One vote per user per comment: support, oppose, or none (null); the counts follow. */
export function voteOnComment(ctx: Ctx, consultationId: string, id: string, value: VoteValue | null): Promise<Posted & { myVote: VoteValue | null }> {
  return runCommand(ctx, async (c) => {
    const row = await lockComment(c, consultationId, id);
    const [cons] = await c.tx.select({ open: consultations.commentsOpen }).from(consultations).where(and(eq(consultations.orgId, row.orgId), eq(consultations.id, consultationId)));
    if (row.status !== 'visible') throw notFound('Comment');
    if (!cons?.open) throw conflict(say('网络议政未开放或已结束', 'Online comments are not open'));
    const key = and(eq(votes.orgId, row.orgId), eq(votes.commentId, id), eq(votes.userId, c.actor.id));
    if (value) {
      await c.tx.insert(votes).values({ orgId: row.orgId, commentId: id, userId: c.actor.id, value })
        .onConflictDoUpdate({ target: [votes.orgId, votes.commentId, votes.userId], set: { value, updatedAt: sql`now()` } });
    } else await c.tx.delete(votes).where(key);
    const counted = (v: VoteValue) => sql<number>`(select count(*)::int from ${votes} v where v.org_id = ${row.orgId} and v.comment_id = ${id} and v.value = ${v})`;
    const [after] = await c.tx.update(comments).set({ supports: counted('support'), opposes: counted('oppose') })
      .where(and(eq(comments.orgId, row.orgId), eq(comments.id, id))).returning();
    await c.record({ action: 'voted', entity: 'consultationComment', entityId: id, after: { vote: value, consultationId } });
    return {
      comment: after!, myVote: value, channel: commentChannel(row.orgId, consultationId),
      publish: { event: 'votes', data: { id, supports: after!.supports, opposes: after!.opposes } },
    };
  });
}

/**
 * Sends what a command published, after its commit. A bus that cannot be reached fails nothing: the
 * change is made, and a stream's reconnect replays it from the database.
 */
export async function announce(bus: LiveBus, posted: Posted | Posted[], log: FastifyBaseLogger) {
  for (const p of [posted].flat()) await bus.publish(p.channel, p.publish).catch((err: unknown) => log.warn({ err, channel: p.channel }, 'live event not sent'));
}

// ---- reading ---------------------------------------------------------------------------------

/** The caller's votes on these comments. */
async function myVotes(db: Queryable, actor: Actor | null, orgId: string, ids: string[]) {
  if (!actor || !ids.length) return new Map<string, string>();
  const rows = await db.select({ id: votes.commentId, value: votes.value }).from(votes)
    .where(and(eq(votes.orgId, orgId), eq(votes.userId, actor.id), inArray(votes.commentId, ids)));
  return new Map(rows.map((v) => [v.id, v.value]));
}

/**
 * The comments of a consultation, newest first: the visible ones, with the caller's votes; staff may
 * ask for the held or hidden ones instead.
 */
export async function listComments(db: Queryable, actor: Actor | null, cons: { orgId: string; id: string }, status: string, page: { limit: number; offset: number }) {
  const where = and(eq(comments.orgId, cons.orgId), eq(comments.consultationId, cons.id), eq(comments.status, status));
  const [rows, [count]] = await Promise.all([
    db.select().from(comments).where(where).orderBy(desc(comments.createdAt), desc(comments.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(comments).where(where),
  ]);
  const mine = await myVotes(db, actor, cons.orgId, rows.map((r) => r.id));
  const present = status === 'visible' ? presentComment : presentForStaff;
  return { total: count!.n, items: rows.map((r) => ({ ...present(r), myVote: mine.get(r.id) ?? null })) };
}

// ---- consensus -------------------------------------------------------------------------------

/**
 * A voter's group for consensus: the sector of a member, 'public' for a public account, 'unit' for a
 * unit's login, 'office' for any other (staff, leaders without a member record).
 */
const voterGroup = sql<string>`case when ${users.roles} @> '["public"]'::jsonb then 'public' when ${sectors.name} is not null then ${sectors.name}
  when ${users.roles} @> '["unit"]'::jsonb then 'unit' else 'office' end`;

/** How a comment stands across groups: its score (0…1), the groups behind it, and each group's supports and opposes. */
export interface Consensus { score: number; supportingGroups: number; groups: Record<string, { supports: number; opposes: number }> }
const presentConsensus = (r: ConsensusRank): Consensus => ({
  score: Math.round(r.score * 1000) / 1000, supportingGroups: r.supportingGroups,
  groups: Object.fromEntries(Object.entries(r.groups).filter(([, t]) => t.agree || t.disagree).map(([g, t]) => [g, { supports: t.agree, opposes: t.disagree }])),
});

/**
 * Every visible comment of a consultation ranked by consensus across groups (consensus.ts): one
 * query counts the votes per comment and voter group, rankTallied orders them (most consensual first).
 */
export async function consensusRanking(db: Queryable, cons: { orgId: string; id: string }): Promise<ConsensusRank[]> {
  const visible = and(eq(comments.orgId, cons.orgId), eq(comments.consultationId, cons.id), eq(comments.status, 'visible'));
  const [ids, tallies] = await Promise.all([
    db.select({ id: comments.id }).from(comments).where(visible),
    db.select({
      id: votes.commentId, group: voterGroup,
      supports: sql<number>`count(*) filter (where ${votes.value} = 'support')::int`, opposes: sql<number>`count(*) filter (where ${votes.value} = 'oppose')::int`,
    }).from(votes)
      .innerJoin(comments, and(eq(comments.orgId, votes.orgId), eq(comments.id, votes.commentId)))
      .innerJoin(users, and(eq(users.orgId, votes.orgId), eq(users.id, votes.userId)))
      .leftJoin(members, and(eq(members.orgId, users.orgId), eq(members.id, users.memberId)))
      .leftJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
      .where(visible).groupBy(votes.commentId, voterGroup),
  ]);
  const byComment = new Map(ids.map((r) => [r.id, {} as Record<string, { agree: number; disagree: number }>]));
  for (const t of tallies) {
    const tally = byComment.get(t.id);
    if (tally) tally[t.group] = { agree: t.supports, disagree: t.opposes };
  }
  return rankTallied([...byComment].map(([id, tally]) => ({ id, tally })));
}

/** A page of the visible comments, most consensual first, each with its consensus. */
export async function listByConsensus(db: Queryable, actor: Actor | null, cons: { orgId: string; id: string }, page: { limit: number; offset: number }) {
  const ranked = await consensusRanking(db, cons);
  const slice = ranked.slice(page.offset, page.offset + page.limit);
  const rows = slice.length
    ? await db.select().from(comments).where(and(eq(comments.orgId, cons.orgId), inArray(comments.id, slice.map((r) => r.id))))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mine = await myVotes(db, actor, cons.orgId, rows.map((r) => r.id));
  const items = slice.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [{ ...presentComment(row), myVote: mine.get(r.id) ?? null, consensus: presentConsensus(r) }] : [];
  });
  return { total: ranked.length, items };
}

/** What a stream missed: the visible comments after `after`, in the order they became visible. */
export async function commentsAfter(db: Queryable, cons: { orgId: string; id: string }, after: number): Promise<LiveMessage[]> {
  const rows = await db.select().from(comments)
    .where(and(eq(comments.orgId, cons.orgId), eq(comments.consultationId, cons.id), eq(comments.status, 'visible'), gt(comments.seq, after)))
    .orderBy(asc(comments.seq)).limit(1000);
  return rows.map((r) => ({ event: 'comment', id: r.seq!, data: presentComment(r) }));
}
