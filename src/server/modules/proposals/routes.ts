import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TProperties } from 'typebox';
import { and, eq, sql } from 'drizzle-orm';
import { users } from '../../core/schema.ts';
import { badRequest, say } from '../../core/errors.ts';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { authorize, definePolicies, type Actor } from '../../core/policies.ts';
import { KIND, loadProposal, loadReadable, publicView } from './access.ts';
import { act, actOnMany, createProposal, updateDraft, uploadAttachment } from './commands.ts';
import { readUpload, sendAttachment } from '../handling/attachment-http.ts';
import { dueBoard, listedSessions, listProposals, pendingExtensions, presentProposal, proposalHistory, SORTS } from './queries.ts';
import { proposalSettings, saveProposalSettings } from './settings.ts';
import { similarProposals, suggestUnits, unseenNearDuplicates } from './similar.ts';
import { searchProposals } from './search.ts';
import { keyBoard, logSupervision, supervisionOf } from './supervision.ts';
import { boardTable, GROUPINGS, keyBoardTable, proposalStats, statsTable } from './stats.ts';
import { MAX_EXPORT_ROWS } from '../../core/xlsx.ts';
import { exportRoutes, FIRST_ROWS, firstOf, listExportRoutes } from '../../core/list-export.ts';
import { extensionColumns, listTable, searchTable } from './export.ts';
import { STATES, proposalWorkflow } from './workflow.ts';
import { figureScope, SCOPES, type Scope } from '../org/oversight.ts';
import { readerOrg } from '../org/visitor.ts';

definePolicies({ 'proposal.supervise': ['staff', 'admin', 'leader'], 'proposal.manage': ['staff'] });

export const KINDS = ['member', 'joint', 'group', 'committee', 'sector'] as const;
export const DOMAINS = ['经济', '政治', '文化', '社会', '生态文明', '其他'] as const;
const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Units = Type.Array(Type.Object({ unitId: Uuid, role: lit(['lead', 'co'] as const) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 });
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const AttachmentIds = Type.Array(Uuid, { maxItems: 20, uniqueItems: true });

const Satisfaction = lit(['satisfied', 'basic', 'unsatisfied'] as const);

/** The body of each action (api.md), validated before the command runs. */
export const ACTION_BODIES = {
  submit: obj({}), withdraw: obj({}), cosign: obj({}), file: obj({}), sign: obj({}), publish: obj({}), exempt: obj({ reason: Text(500) }),
  declineCosign: obj({ reason: Type.Optional(Text(500)) }),
  reject: obj({ reason: Text(500) }),
  sendBack: obj({ reason: Text(500) }),
  classify: obj({ domain: lit(DOMAINS) }),
  convert: obj({ to: lit(['opinion', 'letter'] as const), reason: Text(500) }),
  merge: obj({ intoId: Uuid }),
  assign: obj({ units: Units, dueDate: Type.Optional(Day) }),
  reassign: obj({ units: Units, dueDate: Type.Optional(Day), note: Text(500) }),
  return: obj({ reason: Text(500) }),
  opinion: obj({ content: Text(5000) }),
  logContact: obj({ kind: lit(['visit', 'phone', 'meeting', 'note'] as const), date: Day, content: Text(2000), attachmentIds: Type.Optional(AttachmentIds) }),
  requestExtension: obj({ dueDate: Day, reason: Text(500) }),
  grantExtension: obj({ note: Type.Optional(Text(500)) }),
  refuseExtension: obj({ note: Text(500) }),
  reply: obj({ category: lit(['A', 'B', 'C'] as const), content: Text(20000), signer: Type.Optional(Name(50)), attachmentIds: Type.Optional(AttachmentIds) }),
  evaluate: obj({ satisfaction: Satisfaction, resultSatisfaction: Type.Optional(Satisfaction), contacted: Type.Optional(Type.Boolean()),
    contactMethod: Type.Optional(lit(['visit', 'phone', 'meeting', 'letter', 'none'] as const)), comment: Type.Optional(Type.String({ maxLength: 1000 })) }),
  rate: obj({ topic: Type.Integer({ minimum: 1, maximum: 5 }), research: Type.Integer({ minimum: 1, maximum: 5 }), feasibility: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) }),
  markKey: obj({ leaderUserId: Uuid }),
};
for (const a of proposalWorkflow.actionNames) if (!(a in ACTION_BODIES)) throw new Error(`no body schema for action ${a}`);

const DraftFields = {
  title: Name(100), body: Text(20000), kind: lit(KINDS), domain: Type.Optional(Type.Union([lit(DOMAINS), Type.Null()])),
  cosignerIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })), proposerName: Type.Optional(Name(100)),
};
const FilterFields = {
  q: Paging.q, state: Type.Optional(Type.Array(lit(STATES), { maxItems: 12 })), published: Type.Optional(Type.Boolean()), mine: Type.Optional(Type.Boolean()),
  unitId: Type.Optional(Uuid), sessionId: Type.Optional(Uuid), domain: Type.Optional(lit(DOMAINS)), kind: Type.Optional(lit(KINDS)),
  isKey: Type.Optional(Type.Boolean()), overdue: Type.Optional(Type.Boolean()), keyLeader: Type.Optional(Type.Literal('me')),
  satisfaction: Type.Optional(lit(['satisfied', 'basic', 'unsatisfied'] as const)),
  publication: Type.Optional(lit(['published', 'pending', 'exempt'] as const)),
  sort: Type.Optional(lit(SORTS)),
  /** With published=true, tree: the published proposals of the committees below too (org/oversight.ts). */
  scope: Type.Optional(lit(SCOPES)),
  /** A visitor's committee (org/visitor.ts): an active one; without it, the deployment's own. A login reads its own. */
  orgId: Type.Optional(Uuid),
};
const Filters = obj({ ...Paging, ...FilterFields });
const SearchFields = {
  q: Type.String({ minLength: 1, maxLength: 200 }), published: Type.Optional(Type.Boolean()),
  state: Type.Optional(Type.Array(lit(STATES), { maxItems: 12 })), sessionId: Type.Optional(Uuid), unitId: Type.Optional(Uuid),
  domain: Type.Optional(lit(DOMAINS)), sectorId: Type.Optional(Uuid), orgId: FilterFields.orgId,
};

export async function proposalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['proposals'];
  const readable = (req: import('fastify').FastifyRequest, id: string, afterOwnAction = false) => loadReadable(app.db, req.actor, id, { afterOwnAction });
  const view = async (req: import('fastify').FastifyRequest, id: string, afterOwnAction = false) => {
    const l = await readable(req, id, afterOwnAction);
    return presentProposal(app.db, l, publicView(l));
  };

  /**
   * The committees a list covers: the caller's, and for the published ones with scope=tree those below it (rule 2 of oversight.ts);
   * a visitor's: the one named or the deployment's own (org/visitor.ts), null for an unknown or deactivated one (nothing listed).
   */
  const listed = async (actor: Actor | null, q: { published?: boolean; scope?: Scope; orgId?: string }) =>
    actor && q.published && q.scope === 'tree' ? (await figureScope(app.db, actor, 'tree')).map((o) => o.id) : readerOrg(app.db, actor, q.orgId);

  app.get('/proposals', {
    config: { public: true },
    schema: { tags, summary: 'Proposals I may see (published=true: the public list, no login needed)', querystring: Filters },
  }, async (req) => {
    const q = req.query;
    const orgs = !req.actor && !q.published ? null : await listed(req.actor, q);
    if (!orgs) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const r = await listProposals(app.db, req.actor, orgs, q, pageOf(q));
    return { ...r, page: q.page, pageSize: q.pageSize };
  });

  exportRoutes(app, '/proposals', {
    tags, summary: `The same list: every matching proposal in the list's order, up to ${MAX_EXPORT_ROWS} (a note says when more matched)`, querystring: obj(FilterFields), config: { public: true },
  }, async (req, q) => {
    const orgs = !req.actor && !q.published ? null : await listed(req.actor, q);
    const list = !orgs ? { items: [], total: 0 } : await listProposals(app.db, req.actor, orgs, q, FIRST_ROWS);
    return { file: 'proposals', name: '提案列表', tables: listTable(list, { publicList: !!q.published || !req.actor }) };
  });

  app.get('/proposals/sessions', {
    config: { public: true },
    schema: { tags, summary: 'The sessions of the proposals I may list (published=true: the public list\'s), newest first, with how many each', querystring: obj({ published: FilterFields.published, mine: FilterFields.mine, orgId: FilterFields.orgId }) },
  }, async (req) => {
    const q = req.query;
    const orgId = !req.actor && !q.published ? null : await readerOrg(app.db, req.actor, q.orgId);
    return { items: orgId ? await listedSessions(app.db, req.actor, orgId, q) : [] };
  });

  app.get('/proposals/search', {
    config: { public: true },
    schema: { tags, summary: 'Full-text search over proposals and replies, with highlights (published=true: without login)', querystring: obj({ ...Paging, ...SearchFields }) },
  }, async (req) => {
    const q = req.query;
    const orgId = !req.actor && !q.published ? null : await readerOrg(app.db, req.actor, q.orgId);
    if (!orgId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    return { ...(await searchProposals(app.db, req.actor, orgId, q, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  exportRoutes(app, '/proposals/search', {
    tags, summary: `The same search: the hits by relevance, up to ${MAX_EXPORT_ROWS}`, querystring: obj(SearchFields), config: { public: true },
  }, async (req, q) => {
    const orgId = !req.actor && !q.published ? null : await readerOrg(app.db, req.actor, q.orgId);
    const found = !orgId ? { items: [], total: 0 } : await searchProposals(app.db, req.actor, orgId, q, FIRST_ROWS);
    return { file: 'proposal-search', name: '提案检索', tables: searchTable(found) };
  });

  app.post('/proposals', { schema: { tags, summary: 'Draft a proposal', body: obj(DraftFields), response: { ...errorResponses } } }, async (req, reply) => {
    const p = await createProposal(ctxOf(req), req.body);
    return reply.status(201).send(await view(req, p.id));
  });

  const BoardQuery = obj({ days: Type.Integer({ minimum: 0, maximum: 180, default: 14 }) });
  app.get('/proposals/board', { schema: { tags, summary: 'Lead assignments due soon and overdue, by unit (staff, leaders)', querystring: BoardQuery } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return { items: await dueBoard(app.db, actor.orgId, req.query.days) };
  });
  exportRoutes(app, '/proposals/board', { tags, summary: 'The same board, one row per assignment', querystring: BoardQuery }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return { file: 'proposal-board', name: '督办看板', tables: boardTable(await dueBoard(app.db, actor.orgId, q.days)) };
  });

  app.get('/proposals/extensions', { schema: { tags, summary: 'Pending extension requests (staff)' } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return { items: await pendingExtensions(app.db, actor.orgId) };
  });
  listExportRoutes(app, '/proposals/extensions', {
    tags, summary: 'The same pending extension requests', querystring: obj({}), file: 'proposal-extensions', name: '延期申请', columns: () => extensionColumns,
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return firstOf(await pendingExtensions(app.db, actor.orgId));
  });

  const SimilarText = {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })), title: Type.Optional(Type.String({ maxLength: 100 })), excludeId: Type.Optional(Uuid),
  };
  /** The duplicate check starts from a title alone, or from a text. */
  const textOrTitle = (q: { text?: string; title?: string }) => {
    if (!q.text?.trim() && !q.title?.trim()) throw badRequest(say('请填写正文或标题', 'Give a text or a title'), [{ path: 'text', message: say('没有标题时必填', 'required without a title') }]);
  };
  const UnseenQuery = obj(SimilarText);
  const SIMILAR_DEFAULTS = { limit: 5, minScore: 0.15, scope: 'all' as const };
  const SimilarQuery = obj({
    ...SimilarText, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: SIMILAR_DEFAULTS.limit })),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: SIMILAR_DEFAULTS.minScore })),
    scope: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('open')], { default: SIMILAR_DEFAULTS.scope })),
  });
  const similarSummary = 'Proposals most similar to a title and text, best first: this session\'s before earlier ones (duplicate check while typing; scope=open: what to merge into)';
  const unseenSummary = "How many of this session's near-duplicates of a title and text the caller may not open (counted, not listed)";
  const similar = (actor: Actor, q: Static<typeof SimilarQuery>) => {
    authorize(actor, 'org.read');
    textOrTitle(q);
    return similarProposals(app.db, actor, { ...SIMILAR_DEFAULTS, ...q, includeSubmitted: actor.roles.includes('staff') });
  };
  const unseen = (actor: Actor, q: Static<typeof UnseenQuery>) => {
    authorize(actor, 'org.read');
    textOrTitle(q);
    return unseenNearDuplicates(app.db, actor, q);
  };
  app.get('/proposals/similar', { schema: { tags, summary: similarSummary, querystring: SimilarQuery } }, async (req) => similar(actorOf(req), req.query));
  app.get('/proposals/similar/unseen', { schema: { tags, summary: unseenSummary, querystring: UnseenQuery } }, async (req) => unseen(actorOf(req), req.query));
  // The same with the text in the body: a proposal's whole text, URL-encoded, is longer than an address
  // may be (16 KB in Node, 8 KB behind many proxies). The web app asks these.
  app.post('/proposals/similar', { schema: { tags, summary: `${similarSummary}; the query in the body`, body: SimilarQuery } }, async (req) => similar(actorOf(req), req.body));
  app.post('/proposals/similar/unseen', { schema: { tags, summary: `${unseenSummary}; the query in the body`, body: UnseenQuery } }, async (req) => unseen(actorOf(req), req.body));

  app.get('/proposals/leaders', { schema: { tags, summary: 'Leaders who may lead-handle key proposals (for markKey)' } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    const rows = await app.db.select({ id: users.id, displayName: users.displayName }).from(users)
      .where(and(eq(users.orgId, actor.orgId), eq(users.active, true), sql`${users.roles} @> '["leader"]'::jsonb`)).orderBy(users.displayName);
    return { items: rows };
  });

  app.get('/proposals/settings', { schema: { tags, summary: 'Body limit, not-filed grounds and handling deadlines of this committee' } }, async (req) =>
    proposalSettings(app.db, actorOf(req).orgId));

  app.patch('/proposals/settings', {
    schema: {
      tags, summary: 'Change this committee\'s proposal settings (admins)',
      body: Type.Partial(obj({
        bodyLimit: Type.Integer({ minimum: 200, maximum: 20000 }),
        notFiledGrounds: Type.Array(Name(100), { minItems: 1, maxItems: 30 }),
        handling: Type.Partial(obj({
          returnWindowDays: Type.Integer({ minimum: 1, maximum: 30 }), replyMonths: Type.Integer({ minimum: 1, maximum: 12 }),
          maxMonths: Type.Integer({ minimum: 1, maximum: 24 }), coOpinionMonths: Type.Integer({ minimum: 1, maximum: 6 }),
        }), { additionalProperties: false }),
      }), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => {
    await saveProposalSettings(ctxOf(req), req.body);
    return proposalSettings(app.db, actorOf(req).orgId);
  });

  app.get('/proposals/:id', { config: { public: true }, schema: { tags, summary: 'One proposal (published ones without login)', params: IdParams } },
    async (req) => view(req, req.params.id));

  app.patch('/proposals/:id', { schema: { tags, summary: 'Edit my draft', params: IdParams, body: Type.Partial(obj(DraftFields), { additionalProperties: false, minProperties: 1 }) } }, async (req) => {
    await updateDraft(ctxOf(req), req.params.id, req.body);
    return view(req, req.params.id);
  });

  app.get('/proposals/:id/actions', { schema: { tags, summary: 'What I may do now (the UI draws its buttons from this)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const l = await loadProposal(app.db, actor, actor.orgId, req.params.id);
    return proposalWorkflow.allowed({ state: l.facts.state, actor, relations: l.relations, ctx: l.facts }).map(({ action, label }) => ({ action, label }));
  });

  app.get('/proposals/:id/suggested-units', { schema: { tags, summary: 'The three units most likely to handle it, learned from past assignments (staff)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    const l = await loadProposal(app.db, actor, actor.orgId, req.params.id);
    return suggestUnits(app.db, actor.orgId, l.p.title, l.p.body, l.p.id);
  });

  // scope=tree: this committee's figures and those of every active committee below it, added up (org/oversight.ts).
  const StatsQuery = obj({ by: lit(GROUPINGS), from: Type.Optional(Day), to: Type.Optional(Day), sessionId: Type.Optional(Uuid), scope: Type.Optional(lit(SCOPES)) });
  const stats = async (req: import('fastify').FastifyRequest<{ Querystring: Static<typeof StatsQuery> }>) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return proposalStats(app.db, await figureScope(app.db, actor, req.query.scope), req.query.by, req.query);
  };
  app.get('/proposals/stats', { schema: { tags, summary: 'Received, filed, reply, on-time and satisfaction rates, A/B/C shares, quality — by unit, sector, domain, party, session or committee (scope=tree: with the committees below)', querystring: StatsQuery } }, stats);
  exportRoutes(app, '/proposals/stats', { tags, summary: 'The same table', querystring: StatsQuery }, async (req, q) =>
    ({ file: `proposal-stats-${q.by}`, name: '提案统计', tables: statsTable(await stats(req)) }));

  const KeyQuery = obj({ all: Type.Optional(Type.Boolean()) });
  const keyItems = (req: import('fastify').FastifyRequest<{ Querystring: { all?: boolean } }>) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    const onlyMine = actor.roles.includes('leader') && !actor.roles.includes('staff') && !req.query.all;
    return keyBoard(app.db, actor.orgId, onlyMine ? actor.id : undefined);
  };
  exportRoutes(app, '/proposals/key', { tags, summary: 'The key proposals', querystring: KeyQuery }, async (req) =>
    ({ file: 'key-proposals', name: '重点提案督办', tables: keyBoardTable(await keyItems(req)) }));
  app.get('/proposals/key', { schema: { tags, summary: 'Key proposals with their progress (leaders see the ones they lead unless all=true)', querystring: KeyQuery } }, async (req) => ({ items: await keyItems(req) }));

  app.get('/proposals/:id/supervision', { schema: { tags, summary: 'Supervision visits and meetings (督办) of a key proposal', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await loadProposal(app.db, actor, actor.orgId, req.params.id);
    return { items: await supervisionOf(app.db, actor.orgId, req.params.id) };
  });

  app.post('/proposals/:id/supervision', {
    schema: {
      tags, summary: 'Log a supervision visit or meeting (the leading leader or staff)', params: IdParams,
      body: obj({ kind: lit(['visit', 'meeting', 'research'] as const), date: Day, participants: Text(500), outcome: Text(2000) }),
    },
  }, async (req, reply) => {
    await logSupervision(ctxOf(req), req.params.id, req.body);
    return reply.status(201).send({ items: await supervisionOf(app.db, actorOf(req).orgId, req.params.id) });
  });

  app.post('/proposals/:id/attachments', {
    schema: { tags, summary: 'Upload a file (multipart field "file") to attach to a reply or contact log by its id', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    await readable(req, req.params.id); // an unknown proposal is a 404 before any upload is read
    return reply.status(201).send(await uploadAttachment(ctxOf(req), req.params.id, await readUpload(req)));
  });

  app.get('/proposals/:id/attachments/:attachmentId', {
    config: { public: true },
    schema: { tags, summary: 'Download an attachment (whoever may read the proposal)', params: obj({ id: Uuid, attachmentId: Uuid }) },
  }, async (req, reply) => {
    const l = await readable(req, req.params.id);
    return sendAttachment(req, reply, { orgId: l.p.orgId, kind: KIND, id: l.p.id }, req.params.attachmentId);
  });

  app.get('/proposals/:id/history', { schema: { tags, summary: 'Every state change and edit', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    return proposalHistory(app.db, await loadProposal(app.db, actor, actor.orgId, req.params.id), actor);
  });

  app.post('/proposals/bulk/assign', {
    schema: { tags, summary: 'Assign many filed proposals to the same units at once (all or none)', body: obj({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }), units: Units, dueDate: Type.Optional(Day) }) },
  }, async (req) => {
    const { ids, ...body } = req.body;
    await actOnMany(ctxOf(req), ids, 'assign', body);
    return { assigned: ids.length };
  });

  for (const [action, body] of Object.entries(ACTION_BODIES)) {
    app.post(`/proposals/:id/actions/${action}`, {
      // Actions without fields may be posted without a body.
      preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
      schema: { tags, summary: `Action: ${action}`, params: IdParams, body },
    }, async (req) => {
      await act(ctxOf(req), (req.params as { id: string }).id, action, (req.body ?? {}) as Record<string, unknown>);
      return view(req, (req.params as { id: string }).id, true);
    });
  }
}
