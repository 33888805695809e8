import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import { entityHistory } from '../../core/history.ts';
import { actorOf, ctxOf, errorResponses, IdParams, Name, Paging, Text, Uuid } from '../../core/http.ts';
import { authorize, definePolicies, hasRole } from '../../core/policies.ts';
import { members } from '../org/schema.ts';
import { exportRoutes, filtersOf, FIRST_PAGE, listExportRoutes, listSheet } from '../../core/list-export.ts';
import { loadRound } from './access.ts';
import { entryColumns, roundColumns } from './export.ts';
import { announce, closeLevel, createRound, editRound, nominate, review, withdrawEntry } from './commands.ts';
import { LEVEL_ACTORS } from './levels.ts';
import { eligibleProposals, honoursOf, levelProgress, listEntries, listRounds, presentRound, type RoundFilter } from './queries.ts';
import { readerOrg } from '../org/visitor.ts';

definePolicies({
  'selection.manage': ['staff'],
  // Members nominate their own proposals (自荐); staff any.
  'selection.nominate': (actor) => hasRole(actor, 'staff') || !!actor.memberId,
  // Those who see every entry: the round's history names them all.
  'selection.oversee': ['staff', 'leader', 'admin'],
});

const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const Ids = Type.Array(Uuid, { maxItems: 500, uniqueItems: true });
const Level = obj({
  key: Type.String({ pattern: '^[a-z][a-zA-Z0-9_-]{0,29}$' }), name: Name(50),
  actor: Type.Union(LEVEL_ACTORS.map((a) => Type.Literal(a))), quota: Type.Union([Type.Integer({ minimum: 1, maximum: 1000 }), Type.Null()]),
});
const Levels = Type.Array(Level, { minItems: 1, maxItems: 10 });

export async function selectionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['selections'];
  /** The round as its reader sees it: announced rounds are public, with contact details masked. */
  const view = async (req: FastifyRequest, id: string) => {
    const l = await loadRound(app.db, req.actor?.orgId ?? null, id, { orAnnounced: true });
    return presentRound(app.db, l, req.actor?.orgId !== l.r.orgId);
  };
  const ownRound = (req: FastifyRequest, id: string) => loadRound(app.db, actorOf(req).orgId, id);

  const RoundFilters = {
    ...Paging, year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), announced: Type.Optional(Type.Boolean()),
    /** A visitor's committee (org/visitor.ts): an active one; without it, the deployment's own. A login reads its own. */
    orgId: Type.Optional(Uuid),
  };
  /** The rounds a caller lists: a login's committee's, a visitor's committee's announced ones (none when the one named is unknown or deactivated). */
  const rounds = async (req: FastifyRequest, q: RoundFilter & { orgId?: string }) => {
    const orgId = await readerOrg(app.db, req.actor, q.orgId);
    return orgId ? listRounds(app.db, req.actor, q, orgId) : { items: [], total: 0 };
  };
  app.get('/selections', {
    config: { public: true },
    schema: {
      tags, summary: '优秀提案评选 rounds of my committee (announced=true, or without login: the announced results)',
      querystring: obj(RoundFilters),
    },
  }, async (req) => ({ ...(await rounds(req, req.query)), page: req.query.page, pageSize: req.query.pageSize }));
  listExportRoutes(app, '/selections', {
    tags, summary: 'The same rounds (same filters; without login the announced ones)', querystring: filtersOf(RoundFilters), config: { public: true },
    file: 'selections', name: '优秀提案评选', columns: () => roundColumns,
  }, async (req, q) => rounds(req, { ...q, ...FIRST_PAGE }));

  app.post('/selections', {
    schema: {
      tags, summary: 'Open a round for a year (staff); levels default to the six of 提案人自荐 … 常委会议表彰',
      body: obj({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), name: Name(100), levels: Type.Optional(Levels) }),
      response: { ...errorResponses },
    },
  }, async (req, reply) => {
    const r = await createRound(ctxOf(req), req.body);
    return reply.status(201).send(await view(req, r.id));
  });

  app.get('/selections/:id', { config: { public: true }, schema: { tags, summary: 'A round, its levels and the level under way; once announced its results (public)', params: IdParams } },
    async (req) => view(req, req.params.id));

  app.patch('/selections/:id', {
    schema: {
      tags, summary: 'Change the name and levels (order, names, who acts, quotas; add or remove) until the first level closes or an entry is scored (staff)',
      params: IdParams, body: Type.Partial(obj({ name: Name(100), levels: Levels }), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => {
    await editRound(ctxOf(req), req.params.id, req.body);
    return view(req, req.params.id);
  });

  app.get('/selections/:id/history', { schema: { tags, summary: 'Every change of the round: set-up, nominations and withdrawals, scores, closed levels, announcement (staff, leaders, admins)', params: IdParams } },
    async (req) => {
      const l = await ownRound(req, req.params.id);
      authorize(actorOf(req), 'selection.oversee');
      return entityHistory(app.db, l.r.orgId, 'selection', l.r.id);
    });

  app.get('/selections/:id/entries', {
    schema: {
      tags, summary: "A level's entries with the scores and comments so far (only that level's input; default the level under way)",
      params: IdParams, querystring: obj({ ...Paging, level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) }),
    },
  }, async (req) => {
    const l = await ownRound(req, req.params.id);
    return { ...(await listEntries(app.db, actorOf(req), l, req.query)), page: req.query.page, pageSize: req.query.pageSize };
  });
  exportRoutes(app, '/selections/:id/entries', {
    tags, summary: "The same level's entries (a score and the comments where the list shows them)", params: IdParams, querystring: obj({ level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) }),
  }, async (req, q) => {
    const l = await ownRound(req, (req.params as { id: string }).id);
    const list = await listEntries(app.db, actorOf(req), l, { ...q, ...FIRST_PAGE });
    const levelName = l.levels[list.level - 1]?.name ?? '';
    const name = `${l.r.name}${levelName ? `（${levelName}）` : ''}`;
    return { file: 'selection-entries', name, tables: listSheet('参评提案', entryColumns(list.reviewsShown), list) };
  });

  app.get('/selections/:id/progress', {
    schema: {
      tags, summary: "How far a level's scoring has come: its entries, those without a score, each reviewer's scored / total (staff, leaders, admins; default the level under way)",
      params: IdParams, querystring: obj({ level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })) }),
    },
  }, async (req) => {
    const l = await ownRound(req, req.params.id);
    authorize(actorOf(req), 'selection.oversee');
    return levelProgress(app.db, l, req.query.level ?? l.r.currentLevel);
  });

  app.get('/selections/:id/eligible', {
    schema: { tags, summary: 'Proposals I may nominate: replied or closed, of the year, not yet nominated (a member their own, staff all)', params: IdParams, querystring: obj(Paging) },
  }, async (req) => {
    const l = await ownRound(req, req.params.id);
    return { ...(await eligibleProposals(app.db, actorOf(req), l, req.query)), page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/selections/:id/nominations', {
    schema: { tags, summary: 'Nominate a proposal at the first level (the proposer their own: 自荐; staff any)', params: IdParams, body: obj({ proposalId: Uuid, reason: Text(1000) }) },
  }, async (req, reply) => {
    const e = await nominate(ctxOf(req), req.params.id, req.body);
    return reply.status(201).send({ id: e.id, proposalId: e.proposalId, nominatedAs: e.nominatedAs, reached: e.reached });
  });

  app.post('/selections/:id/entries/:entryId/reviews', {
    schema: {
      tags, summary: "Score (1–100) and comment an entry at the level under way (that level's reviewers); again to change it",
      params: obj({ id: Uuid, entryId: Uuid }), body: obj({ score: Type.Integer({ minimum: 1, maximum: 100 }), comment: Type.Optional(Type.String({ maxLength: 1000 })) }),
    },
  }, async (req) => {
    await review(ctxOf(req), req.params.id, req.params.entryId, req.body);
    const l = await ownRound(req, req.params.id);
    return (await listEntries(app.db, actorOf(req), l, { page: 1, pageSize: 1, entryId: req.params.entryId })).items[0];
  });

  app.post('/selections/:id/entries/:entryId/withdraw', {
    schema: { tags, summary: 'Withdraw a nomination while the first level is open (the proposer their self-nomination; staff any)', params: obj({ id: Uuid, entryId: Uuid }) },
  }, async (req) => {
    await withdrawEntry(ctxOf(req), req.params.id, req.params.entryId);
    return view(req, req.params.id);
  });

  app.post('/selections/:id/levels/:levelId/close', {
    // Without passIds the best `quota` entries pass: the body may be left out.
    preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
    schema: {
      tags, summary: 'Close the level under way (staff), passing on the chosen entries (default: the best by score, up to the quota); irreversible',
      params: obj({ id: Uuid, levelId: Uuid }), body: obj({ passIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true })) }),
    },
  }, async (req) => {
    await closeLevel(ctxOf(req), req.params.id, req.params.levelId, req.body ?? {});
    return view(req, req.params.id);
  });

  app.post('/selections/:id/announce', {
    preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
    schema: {
      tags, summary: 'Announce the excellent proposals and excellent handling units (default: the lead units of the excellent proposals); final',
      params: IdParams, body: obj({ unitIds: Type.Optional(Ids) }),
    },
  }, async (req) => {
    await announce(ctxOf(req), req.params.id, req.body ?? {});
    return view(req, req.params.id);
  });

  app.get('/members/:id/honours', { schema: { tags: ['members'], summary: "A member's honours: excellent proposals of announced selections", params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    const [m] = await app.db.select({ id: members.id }).from(members).where(and(eq(members.orgId, actor.orgId), eq(members.id, req.params.id)));
    if (!m) throw notFound('Member');
    return { items: await honoursOf(app.db, actor.orgId, m.id) };
  });
}
