import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import AhoCorasick from 'modern-ahocorasick';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { arrayParam as arr, queryRows, type Queryable, type Tx } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import type { LiveBus, LiveMessage } from '../../core/live.ts';
import { isPublicAccount, type Actor } from '../../core/policies.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { auditLog, outbox, users } from '../../core/schema.ts';
import { members, sectors } from '../org/schema.ts';
import { rankTallied, type ConsensusRank } from './consensus.ts';
import { inPublicList } from './queries.ts';
import { today } from '../handling/deadlines.ts';
import { consultationCommentVotes as votes, consultationComments as comments, commentSequence, consultations, sensitiveWords } from './schema.ts';

// Online comments (网络议政): anyone logged in (public accounts too) comments while staff keep them
// open; pre-moderation or a sensitive word holds a comment until staff approve it. Each comment that
// becomes visible takes the next number of commentSequence: the id of its event on the live stream,
// so that a reconnect asks for what came after the last it saw.

export type Comment = typeof comments.$inferSelect;
export type VoteValue = 'support' | 'oppose';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A comment as the public sees it (and the stream sends it): contact details masked, as everything published. */
export const presentComment = (c: Comment) => ({
  id: c.id, consultationId: c.consultationId, seq: c.seq, content: redactContacts(c.content), replyTo: c.replyTo, authorName: c.authorName,
  status: c.status, supports: c.supports, opposes: c.opposes, createdAt: iso(c.createdAt)!,
});
/** …and as staff moderate it (the text as written). */
const presentForStaff = (c: Comment) => ({ ...presentComment(c), content: c.content, authorId: c.authorId, heldFor: c.heldFor, hiddenReason: c.hiddenReason, moderatedAt: iso(c.moderatedAt) });

/** The live channel of a consultation's comments, and the staff one of those waiting for them. */
export const commentChannel = (orgId: string, id: string) => `consultation:${orgId}:${id}:comments`;
export const queueChannel = (orgId: string, id: string) => `consultation:${orgId}:${id}:held`;

/**
 * The consultation whose comments the caller may read: a login of the committee (not a public
 * account) reads them at any time; anyone else while they are open, or — `closed`: the visible ones as a
 * list, read-only — once it is in the public list (queries.ts inPublicList). Else 404.
 */
export async function commentable(db: Queryable, actor: Actor | null, id: string, { closed = false } = {}) {
  const insider = actor && !isPublicAccount(actor);
  const [c] = await db.select().from(consultations).where(and(
    eq(consultations.id, id),
    actor ? eq(consultations.orgId, actor.orgId) : undefined,
    insider ? undefined : closed ? inPublicList() : eq(consultations.commentsOpen, true),
  ));
  if (!c) throw notFound('Consultation');
  return c;
}

// ---- sensitive words -------------------------------------------------------------------------

/** The rows of a raw statement's result. */
const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/** Words are matched without case and spaces. */
const folded = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export async function sensitiveWordsOf(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.select({ word: sensitiveWords.word }).from(sensitiveWords).where(eq(sensitiveWords.orgId, orgId)).orderBy(asc(sensitiveWords.word));
  return rows.map((r) => r.word);
}

/** The first sensitive word in a text, if any. */
type Check = (text: string) => string | null;
/** A committee's word list as compiled here, with its fingerprint as the database computes it (listPrint). */
interface WordList { print: string; check: Check }
/** The fingerprint of a committee's word list (`w`: sensitive_words), the same text here and in the posting statement. */
const listPrint = (orgId: SQL | string) => sql`(select md5(coalesce(string_agg(w.word, E'\n' order by w.word), '')) from ${sensitiveWords} w where w.org_id = ${orgId})`;

/**
 * Each committee's word list, compiled once into an Aho–Corasick automaton and kept. The posting
 * statement compares the list's fingerprint with the database's, so a list changed here or on another
 * instance is read again before a comment is checked against the old one.
 */
const kept = new WeakMap<Queryable, Map<string, WordList>>();

async function wordList(db: Queryable, orgId: string, fresh = false): Promise<WordList> {
  let lists = kept.get(db);
  if (!lists) kept.set(db, lists = new Map());
  const known = lists.get(orgId);
  if (known && !fresh) return known;
  const [row] = rowsOf<{ print: string; words: string[] }>(await db.execute(sql`select ${listPrint(sql`${orgId}::uuid`)} as print,
    coalesce((select json_agg(word order by word) from ${sensitiveWords} where org_id = ${orgId}), '[]') as words`));
  const words = row!.words;
  const matcher = words.length ? new AhoCorasick(words.map(folded)) : null;
  const list: WordList = {
    print: row!.print,
    check: (text) => {
      const hit = matcher?.findFirst(folded(text));
      return hit ? words[hit.patternIndex]! : null;
    },
  };
  if (lists.size > 10_000) lists.clear();
  lists.set(orgId, list);
  return list;
}

/** Staff replace the committee's list of sensitive words. */
export async function setSensitiveWords(ctx: Ctx, list: string[]) {
  const out = await runCommand(ctx, async (c) => {
    c.authorize('consultation.moderate');
    const words = [...new Set(list.map((w) => w.trim()).filter(Boolean))];
    const before = await sensitiveWordsOf(c.tx, c.actor.orgId);
    await c.tx.delete(sensitiveWords).where(eq(sensitiveWords.orgId, c.actor.orgId));
    if (words.length) await c.tx.insert(sensitiveWords).values(words.map((word) => ({ orgId: c.actor.orgId, word })));
    await c.record({ action: 'updated', entity: 'sensitiveWords', entityId: c.actor.orgId, before: { count: before.length }, after: { count: words.length } });
    return words.sort();
  });
  kept.get(ctx.db)?.delete(ctx.actor.orgId);
  return out;
}

// ---- posting ---------------------------------------------------------------------------------

const nextSeq = sql<number>`nextval(${commentSequence.seqName})`;

/**
 * Before comments of these consultations take their numbers: waits for any other transaction that
 * took one to commit (the consultations' rows, locked until the commit, in order), so numbers are
 * committed in order and a reconnect asking for those after N misses none. A statement after it sees
 * every comment committed before this turn, on any instance.
 */
const inTurn = (tx: Tx, orgId: string, consultationIds: string[]) => tx.execute(sql`select 1 from ${consultations}
  where ${consultations.orgId} = ${orgId} and ${consultations.id} = any(${arr(consultationIds, 'uuid')}) order by ${consultations.id} for no key update`);

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

/** Why the posting statement left a comment out (each answered to its caller as today's single post would). */
type Refusal = 'missing' | 'closed' | 'reply' | 'repeat' | 'stale';
const refusals: Record<Exclude<Refusal, 'stale'>, () => Error> = {
  missing: () => notFound('Consultation'),
  closed: () => conflict(say('网络议政未开放或已结束，不能发表评论', 'Online comments are not open')),
  reply: () => invalid('/replyTo', say('要回复的评论不存在', 'no such comment to reply to')),
  repeat: () => invalid('/content', say('您已发表过相同的评论，请勿重复发表', 'you have posted the same comment already')),
};

/**
 * Posts comments, several at once (the route gathers those that arrive together: core/group-commit.ts),
 * each answered on its own: its comment, or its own refusal — 404 for no such consultation, 409 when
 * comments are not open, 422 for a reply to no visible comment of this consultation or the same text
 * again from the same account (in the batch too). Held when the consultation is pre-moderated or the
 * text has a sensitive word.
 *
 * A batch is one transaction (one commit): it locks the batch's consultations (inTurn: the turn in
 * which numbers are taken, until the commit), then ONE statement checks each comment against its
 * consultation, its reply target and the author's earlier
 * texts (by the index on the author and `md5(content)`) and the word list's fingerprint, inserts the
 * comments — the visible ones numbered from the stream's sequence after the lock —, and writes every
 * audit entry and outbox event, all from one list of the batch's rows (no join a plan could turn into
 * a scan per row). Sensitive words are matched here, before, with the kept automaton; a comment checked
 * against a list that has changed since is refused by the statement as stale and posted again after
 * the list is read afresh.
 */
export async function postComments(items: CommentInput[]): Promise<(Posted | Error)[]> {
  if (!items.length) return [];
  const out: (Posted | Error | undefined)[] = items.map(() => undefined);
  // One statement per committee (each on its own shard under Citus); nearly always one.
  const byOrg = new Map<string, number[]>();
  items.forEach((it, i) => byOrg.set(it.ctx.actor.orgId, [...(byOrg.get(it.ctx.actor.orgId) ?? []), i]));
  await Promise.all([...byOrg].map(async ([orgId, at]) => {
    const answers = await postToOrg(orgId, at.map((i) => items[i]!));
    at.forEach((i, k) => { out[i] = answers[k]; });
  }));
  void items[0]!.ctx.outbox.kick();
  return out.map((r) => r!);
}

/** postComments for the comments of one committee: one statement. */
async function postToOrg(orgId: string, items: CommentInput[]): Promise<(Posted | Error)[]> {
  const out: (Posted | Error | undefined)[] = items.map(() => undefined);
  const { db } = items[0]!.ctx;
  const list = await wordList(db, orgId);
  // The same text again from the same account within the batch (the statement checks the earlier ones).
  const seen = new Set<string>();
  const rows: { i: number; id: string; content: string; it: CommentInput }[] = [];
  items.forEach((it, i) => {
    const content = it.content.trim();
    const key = `${it.consultationId}:${it.ctx.actor.id}:${content}`;
    if (seen.has(key)) { out[i] = refusals.repeat(); return; }
    seen.add(key);
    rows.push({ i, id: randomUUID(), content, it });
  });
  if (!rows.length) return out.map((r) => r!);
  const org = sql`${orgId}::uuid`;
  // The consultations' turn first, in a statement of its own: the posting statement's snapshot is
  // taken after it, so its repeat check sees a comment another instance committed just before.
  // Planned for each batch (~0.5 ms), not once per connection: a plan kept from when the table was
  // nearly empty, where every index costs the same, could probe the wrong one ever after.
  const consultationIds = [...new Set(rows.map((r) => r.it.consultationId))];
  const answered = await db.transaction(async (tx) => {
    await inTurn(tx, orgId, consultationIds);
    return queryRows<{ i: number; refused: Refusal | null; status: string | null; heldFor: string | null; seq: number | null; createdMs: number | null }>(tx, sql`with input as (
      select * from unnest(${arr(rows.map((r) => r.i), 'int')}, ${arr(rows.map((r) => r.id), 'uuid')}, ${arr(rows.map((r) => r.it.consultationId), 'uuid')},
        ${arr(rows.map((r) => r.it.ctx.actor.id), 'uuid')}, ${arr(rows.map((r) => r.it.ctx.actor.displayName), 'text')}, ${arr(rows.map((r) => r.content), 'text')},
        ${arr(rows.map((r) => r.it.replyTo ?? null), 'uuid')}, ${arr(rows.map((r) => list.check(r.content) !== null), 'bool')},
        ${arr(rows.map((r) => r.it.ctx.actor.memberId ?? null), 'uuid')}, ${arr(rows.map((r) => r.it.ctx.requestId ?? null), 'text')})
        as t(i, id, consultation_id, author_id, author_name, content, reply_to, sensitive, member_id, request_id)
    ), locked as (
      select c.id, c.comments_open, c.comments_moderation from ${consultations} c
      where c.org_id = ${org} and c.id = any(${arr(consultationIds, 'uuid')})
    ), checked as (
      select n.*, case when l.id is null then 'missing' when not l.comments_open then 'closed'
          when n.reply_to is not null and (target.id is null or target.consultation_id <> n.consultation_id or target.status <> 'visible') then 'reply'
          when earlier.id is not null then 'repeat'
          when ${listPrint(org)} <> ${list.print} then 'stale' end as refused,
        case when n.sensitive then 'sensitive' when l.comments_moderation = 'pre' then 'pre' end as held_for
      from input n left join locked l on l.id = n.consultation_id
      -- One index probe per comment, and for a reply only (lateral with limit 1: never flattened into a
      -- join that scans or hashes every comment); the reply is probed by its key alone.
      left join lateral (select t.id, t.consultation_id, t.status from ${comments} t where n.reply_to is not null and t.org_id = ${org} and t.id = n.reply_to limit 1) target on true
      -- (the consultation compared as text: a condition the consultation's indexes cannot take, so the
      -- author's index is the one probed; see consultation_comments_repeat)
      left join lateral (select r.id from ${comments} r where r.org_id = ${org} and r.author_id = n.author_id and md5(r.content) = md5(n.content)
        and r.content = n.content and r.consultation_id::text = n.consultation_id::text limit 1) earlier on true
    ), taken as (
      -- The k-th smallest number taken goes to the k-th visible comment as they came, so each caller's
      -- answer, and so its live event, goes out in the order of the numbers.
      select coalesce(array_agg(v order by v), '{}') as vs from (select nextval(${commentSequence.seqName}) as v from checked where refused is null and held_for is null) x
    ), numbered as (
      select c.*, case when refused is not null then null when held_for is null then 'visible' else 'held' end as status,
        case when refused is null and held_for is null
          then (select vs from taken)[count(*) filter (where refused is null and held_for is null) over (order by i)] end as seq
      from checked c
    ), ins as (
      insert into ${comments} (org_id, id, consultation_id, author_id, author_name, content, reply_to, status, held_for, seq)
      select ${org}, id, consultation_id, author_id, author_name, content, reply_to, status, held_for, seq from numbered where refused is null
    ), audited as (
      insert into ${auditLog} (org_id, actor_user_id, action, entity, entity_id, after, request_id)
      select ${org}, author_id, case when status = 'held' then 'held' else 'posted' end, 'consultationComment', id,
        case when status = 'held' then jsonb_build_object('status', 'held', 'heldFor', held_for, 'consultationId', consultation_id)
          else jsonb_build_object('status', 'visible', 'consultationId', consultation_id) end, request_id
      from numbered where refused is null order by i
    ), evented as (
      insert into ${outbox} (org_id, type, payload)
      select ${org}, case when status = 'held' then 'consultationComment.held' else 'consultationComment.posted' end,
        case when status = 'held' then jsonb_build_object('id', id, 'consultationId', consultation_id, 'heldFor', held_for)
          else jsonb_build_object('id', id, 'consultationId', consultation_id, 'memberIds', case when member_id is null then '[]'::jsonb else jsonb_build_array(member_id) end,
            'occurredOn', ${today()}::text, 'authorUserId', author_id) end
      from numbered where refused is null order by i
    )
    -- (a comment's created_at is its transaction's now(), as the column's default)
    select i, refused, status, held_for as "heldFor", seq::float8 as seq, case when refused is null then (extract(epoch from now()) * 1000)::float8 end as "createdMs"
    from numbered`);
  });
  const byIndex = new Map(rows.map((r) => [r.i, r]));
  const stale: number[] = [];
  for (const a of answered) {
    const { id, content, it } = byIndex.get(a.i)!;
    if (a.refused === 'stale') { stale.push(a.i); continue; }
    if (a.refused) { out[a.i] = refusals[a.refused](); continue; }
    const comment: Comment = {
      orgId, id, consultationId: it.consultationId, authorId: it.ctx.actor.id, authorName: it.ctx.actor.displayName, content,
      replyTo: it.replyTo ?? null, status: a.status!, heldFor: a.heldFor, hiddenReason: null, supports: 0, opposes: 0, seq: a.seq,
      moderatedBy: null, moderatedAt: null, createdAt: new Date(a.createdMs!),
    };
    out[a.i] = comment.status === 'held'
      ? { comment, channel: queueChannel(orgId, comment.consultationId), publish: { event: 'held', data: presentForStaff(comment) } }
      : { comment, channel: commentChannel(orgId, comment.consultationId), publish: { event: 'comment', id: comment.seq!, data: presentComment(comment) } };
  }
  if (stale.length) {
    // The word list changed since it was compiled (here or on another instance): read again, then those comments once more.
    await wordList(db, orgId, true);
    const again = await postToOrg(orgId, stale.map((i) => items[i]!));
    stale.forEach((i, k) => { out[i] = again[k]; });
  }
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
    await inTurn(c.tx, row.orgId, [consultationId]);
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
