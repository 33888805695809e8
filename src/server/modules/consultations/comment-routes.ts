import type { FastifyInstance, FastifyRequest } from 'fastify';
import { exportRoutes, FIRST_ROWS, listSheet } from '../../core/list-export.ts';
import { commentColumns } from './export.ts';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientOf } from '../../core/auth/throttle.ts';
import { forbidden, invalid, say } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { hitLimit, serveStream } from '../../core/live.ts';
import { GroupCommit } from '../../core/group-commit.ts';
import { authorize, can, definePolicies } from '../../core/policies.ts';
import {
  announce, approveComment, commentable, commentChannel, commentsAfter, hideComment, listByConsensus, listComments, postComments, presentComment,
  type CommentInput, type Posted,
  queueChannel, sensitiveWordsOf, setSensitiveWords, voteOnComment,
} from './comments.ts';
import { ThemeCache } from './theme-cache.ts';

definePolicies({ 'consultation.moderate': ['staff'] });

/** The longest comment. */
export const COMMENT_MAX = 1000;
const obj = <T extends import('typebox').TProperties>(props: T, opts: object = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const CommentParams = obj({ id: Uuid, commentId: Uuid });
/**
 * A stream's opening or closing tells every stream the viewer count: at most once a second per
 * consultation (the first at once, the rest folded into one after), or a thousand streams opening
 * would send a million events.
 */
const VIEWERS_EVERY_MS = 1000;
class Throttle {
  private last = new Map<string, number>();
  private timers = new Map<string, NodeJS.Timeout>();
  constructor(private everyMs: number) {}
  tell(key: string, send: () => Promise<void>) {
    if (this.timers.has(key)) return;
    const wait = (this.last.get(key) ?? -Infinity) + this.everyMs - Date.now();
    const go = () => { this.timers.delete(key); this.last.set(key, Date.now()); void send().catch(() => undefined); };
    if (wait <= 0) go();
    else this.timers.set(key, setTimeout(go, wait).unref());
    if (this.last.size > 10_000) for (const [k, at] of this.last) if (Date.now() - at > this.everyMs) this.last.delete(k);
  }
  close() { for (const t of this.timers.values()) clearTimeout(t); this.timers.clear(); }
}
const TooMany = { 429: Type.Ref('Problem'), 409: Type.Ref('Problem'), 422: Type.Ref('Problem') };

export async function commentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const cfg = app.config;
  const themes = new ThemeCache(app.db, { refreshComments: cfg.THEMES_REFRESH_COMMENTS, refreshSeconds: cfg.THEMES_REFRESH_SECONDS, log: app.log });
  const viewerCounts = new Throttle(VIEWERS_EVERY_MS);
  // Comments that arrive together are written together (one statement, one commit), each answered on its
  // own. One batch at a time: a batch's callers are answered (and their live events sent) before the next
  // batch's statement goes, so this instance sends a consultation's events in the order of their numbers
  // (two batches under way could both be answered in one turn of the event loop, the later first).
  const ingest = new GroupCommit<CommentInput, Posted>({ run: postComments, max: 200, concurrency: 1 });
  app.addHook('onClose', async () => { themes.close(); viewerCounts.close(); await themes.settled(); });

  const CommentFilters = { status: Type.Optional(Type.Union([Type.Literal('visible'), Type.Literal('held'), Type.Literal('hidden')])) };
  /** The consultation whose comments of that status the caller may read: the held and hidden ones are the moderators'. */
  const readable = async (req: FastifyRequest, id: string, status: string) => {
    // (the visible ones of a consultation of the public list, open or closed: a closed one's are read as they stand)
    const cons = await commentable(app.db, req.actor, id, { closed: status === 'visible' });
    if (status !== 'visible') authorize(req.actor, 'consultation.moderate', cons);
    return cons;
  };

  app.get('/consultations/:id/comments', {
    config: { public: true, publicAccounts: true },
    schema: {
      tags, summary: 'The visible comments, newest first (no login needed while comments are open, or once the consultation is in the public list); staff may ask for status=held or hidden. '
        + 'order=consensus: most consensual first, each with `consensus` (score 0…1, supporting groups, supports and opposes per voter group; see docs/architecture.md)',
      params: IdParams,
      querystring: obj({ ...Paging, ...CommentFilters, order: Type.Union([Type.Literal('newest'), Type.Literal('consensus')], { default: 'newest' }) }),
    },
  }, async (req) => {
    const status = req.query.status ?? 'visible';
    if (req.query.order === 'consensus' && status !== 'visible') throw invalid('/order', say('只有可见的评论能按共识度排序', 'only visible comments are ordered by consensus'));
    const cons = await readable(req, req.params.id, status);
    const listed = req.query.order === 'consensus' ? await listByConsensus(app.db, req.actor, cons, pageOf(req.query)) : await listComments(app.db, req.actor, cons, status, pageOf(req.query));
    return { ...listed, page: req.query.page, pageSize: req.query.pageSize };
  });

  // The comments of one status, newest first (the moderation queue: status=held), as the list reads them.
  exportRoutes(app, '/consultations/:id/comments', {
    tags, summary: 'The same comments, newest first (status=held: the moderation queue, staff)', params: IdParams, querystring: obj(CommentFilters),
    config: { public: true, publicAccounts: true },
  }, async (req, q) => {
    const status = q.status ?? 'visible';
    const cons = await readable(req, (req.params as { id: string }).id, status);
    const list = await listComments(app.db, req.actor, cons, status, FIRST_ROWS);
    const what = { visible: '网络议政评论', held: '待审评论', hidden: '已隐藏评论' }[status];
    return { file: `consultation-comments-${status}`, name: `${cons.title}${what}`, tables: listSheet(what, commentColumns(status), list) };
  });

  app.get('/consultations/:id/themes', {
    config: { public: true, publicAccounts: true },
    schema: {
      tags, summary: 'The themes of the visible comments (readable as the comments are): each with its size, distinctive words and the comments nearest its centre. '
        + 'Grouped on a worker thread after new comments (THEMES_REFRESH_COMMENTS / THEMES_REFRESH_SECONDS), never on the request: '
        + '`stale` says newer comments are not in them yet, `refreshing` that a grouping is under way (the first answer may have no themes yet)',
      params: IdParams,
    },
  }, async (req) => {
    const cons = await commentable(app.db, req.actor, req.params.id);
    return themes.themes(cons);
  });

  app.post('/consultations/:id/comments', {
    config: { publicAccounts: true },
    schema: {
      tags, summary: `Comment (any login, public accounts too; at most ${COMMENT_MAX} characters): 201 visible, or held for moderation`, params: IdParams,
      body: obj({ content: Text(COMMENT_MAX), replyTo: Type.Optional(Uuid) }),
      response: { ...errorResponses, ...TooMany },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    // Per account, then per address (an office or a campus shares one: its limit is far higher).
    await hitLimit(app.live, `comment:user:${actor.id}`, cfg.COMMENTS_PER_MINUTE_ACCOUNT, 60_000, say('发表评论', 'comments'), req.log);
    await hitLimit(app.live, `comment:addr:${clientOf(req.ip ?? 'gone')}`, cfg.COMMENTS_PER_MINUTE_ADDRESS, 60_000, say('本网络地址发表评论', 'comments from this address'), req.log);
    const posted = await ingest.submit({ ctx: ctxOf(req), consultationId: req.params.id, content: req.body.content, replyTo: req.body.replyTo });
    await announce(app.live, posted, req.log);
    if (posted.comment.status === 'visible') themes.arrived({ orgId: posted.comment.orgId, id: posted.comment.consultationId });
    return reply.status(201).send({ ...presentComment(posted.comment), myVote: null });
  });

  app.get('/consultations/:id/comments/stream', {
    config: { public: true, publicAccounts: true },
    schema: {
      tags, summary: 'Live comments (text/event-stream; no login needed while open): event `comment` (id: its sequence), `votes`, `hidden`, `viewers`; '
        + 'Last-Event-ID (or after=) replays what was missed; live=false ends after that. Staff: queue=held streams the moderation queue (`held`, `moderated`)',
      params: IdParams,
      querystring: obj({
        after: Type.Optional(Type.Integer({ minimum: 0 })), queue: Type.Optional(Type.Literal('held')),
        /** false: send what was missed and end (a polling fallback for clients that cannot hold a connection open). */
        live: Type.Boolean({ default: true }),
      }),
    },
  }, async (req, reply) => {
    const cons = await commentable(app.db, req.actor, req.params.id);
    if (req.query.queue) {
      if (!can(req.actor, 'consultation.moderate', cons)) throw forbidden();
      return serveStream(req, reply, app.live, queueChannel(cons.orgId, cons.id), async () => [], { live: req.query.live });
    }
    const header = Number(req.headers['last-event-id']);
    const after = Number.isSafeInteger(header) && header >= 0 ? header : req.query.after;
    const channel = commentChannel(cons.orgId, cons.id);
    const viewers = `viewers:${cons.orgId}:${cons.id}`;
    const tell = async (delta: number) => {
      await app.live.gauge(viewers, delta);
      viewerCounts.tell(channel, async () => app.live.publish(channel, { event: 'viewers', data: { count: await app.live.gauge(viewers, 0) } }));
    };
    return serveStream(req, reply, app.live, channel, async () => (after === undefined ? [] : commentsAfter(app.db, cons, after)), {
      live: req.query.live,
      onOpen: () => tell(1).catch(() => undefined),
      onClose: () => tell(-1).catch(() => undefined),
    });
  });

  app.post('/consultations/:id/comments/:commentId/vote', {
    config: { publicAccounts: true },
    schema: {
      tags, summary: 'Support or oppose a visible comment (one vote each, changeable; null takes it back)', params: CommentParams,
      body: obj({ value: Type.Union([Type.Literal('support'), Type.Literal('oppose'), Type.Null()]) }),
      response: { ...errorResponses, 409: Type.Ref('Problem') },
    },
  }, async (req) => {
    const voted = await voteOnComment(ctxOf(req), req.params.id, req.params.commentId, req.body.value);
    await announce(app.live, voted, req.log);
    return { ...presentComment(voted.comment), myVote: voted.myVote };
  });

  app.post('/consultations/:id/comments/:commentId/approve', {
    schema: { tags, summary: 'Approve a held comment (staff): it shows and goes out on the stream', params: CommentParams, response: { ...errorResponses, 409: Type.Ref('Problem') } },
  }, async (req) => {
    const out = await approveComment(ctxOf(req), req.params.id, req.params.commentId);
    await announce(app.live, out, req.log);
    themes.arrived({ orgId: out[0]!.comment.orgId, id: req.params.id });
    return presentComment(out[0]!.comment);
  });

  app.post('/consultations/:id/comments/:commentId/hide', {
    schema: {
      tags, summary: 'Hide a comment, held or visible, with the reason (staff)', params: CommentParams,
      body: obj({ reason: Text(200) }), response: { ...errorResponses, 409: Type.Ref('Problem') },
    },
  }, async (req) => {
    const out = await hideComment(ctxOf(req), req.params.id, req.params.commentId, req.body.reason);
    await announce(app.live, out, req.log);
    return { ...presentComment(out[0]!.comment), hiddenReason: req.body.reason };
  });

  app.get('/moderation/sensitive-words', { schema: { tags, summary: 'The committee\'s sensitive words (staff): a comment with one is held' } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'consultation.moderate');
    return { words: await sensitiveWordsOf(app.db, actor.orgId) };
  });

  app.put('/moderation/sensitive-words', {
    schema: {
      tags, summary: 'Replace the sensitive words (staff)',
      body: obj({ words: Type.Array(Name(50), { maxItems: 5000 }) }), response: { ...errorResponses },
    },
  }, async (req) => ({ words: await setSensitiveWords(ctxOf(req), req.body.words) }));
}
