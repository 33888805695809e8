import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { entityHistory } from '../../core/history.ts';
import { readUpload, sendAttachment } from '../handling/attachment-http.ts';
import { authorize, type Actor } from '../../core/policies.ts';
import { ACTION_BODIES as PROPOSAL_BODIES } from '../proposals/routes.ts';
import { loadConsultation } from './access.ts';
import { loadRecommendation, REC_KIND } from './recommendation-access.ts';
import { actOnRecommendation, addRecommendation, uploadRecommendationAttachment } from './recommendation-commands.ts';
import { listRecommendations, outcomeMeasures, presentRecommendation, recommendationBoard } from './recommendation-queries.ts';
import { Year } from './routes.ts';
import { KINDS } from './workflow.ts';
import { boardRows, measureColumns, recommendationBoardColumns, recommendationColumns } from './export.ts';
import { FIRST_ROWS, filtersOf, firstOf, listExportRoutes } from '../../core/list-export.ts';
import { OUTCOME_KINDS, REC_STATES, recommendationWorkflow } from './recommendation-workflow.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });

/** The handling actions take exactly the bodies they take on a proposal; tracking adds its own. */
const HANDLING = ['assign', 'reassign', 'sign', 'return', 'opinion', 'logContact', 'requestExtension', 'grantExtension', 'refuseExtension', 'reply', 'evaluate'] as const;
const ACTION_BODIES = {
  ...Object.fromEntries(HANDLING.map((a) => [a, PROPOSAL_BODIES[a]])),
  recordOutcome: obj({
    kind: Type.Optional(lit(OUTCOME_KINDS)), title: Type.Optional(Name(200)), number: Type.Optional(Name(100)), date: Type.Optional(Type.String({ format: 'date' })),
    progress: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })), note: Type.Optional(Text(1000)),
    /** What it changed, counted (e.g. 调整优化公交线路 6): both, or neither. */
    measure: Type.Optional(Name(100)), quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  }),
  noOutcome: obj({ reason: Text(500) }),
};
for (const a of recommendationWorkflow.actionNames) if (!(a in ACTION_BODIES)) throw new Error(`no body schema for recommendation action ${a}`);

const Filters = obj({
  ...Paging, consultationId: Type.Optional(Uuid), unitId: Type.Optional(Uuid),
  state: Type.Optional(Type.Array(lit(REC_STATES), { maxItems: REC_STATES.length })),
  year: Type.Optional(Year), outcome: Type.Optional(lit([...OUTCOME_KINDS, 'any'] as const)), measure: Type.Optional(Name(100)),
});

/** Recommendations (建议): written at central assignment, handled by units as proposals are, tracked to their outcome. */
export async function recommendationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const view = async (actor: Actor, id: string, afterOwnAction = false) => {
    const l = await loadRecommendation(app.db, actor, id, { afterOwnAction });
    return presentRecommendation(app.db, l.r, l.consultationTitle);
  };

  app.post('/consultations/:id/recommendations', {
    schema: { tags, summary: 'Write a recommendation of the consultation (staff, at central assignment)', params: IdParams, body: obj({ title: Name(200), content: Text(5000) }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const r = await addRecommendation(ctxOf(req), req.params.id, req.body);
    return reply.status(201).send(await view(actorOf(req), r.id));
  });

  app.get('/consultations/:id/recommendations', { schema: { tags, summary: 'The consultation\'s recommendations I may read, in order', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await loadConsultation(app.db, actor, req.params.id);
    const { items } = await listRecommendations(app.db, actor, { consultationId: req.params.id }, { limit: 500, offset: 0 });
    return items.sort((a, b) => a.number - b.number);
  });

  app.get('/recommendations', { schema: { tags, summary: 'Recommendations I may read (a unit: those assigned to it), filters consultationId, unitId, state, year, outcome (kind, or any), measure', querystring: Filters } }, async (req) => {
    const q = req.query;
    return { ...(await listRecommendations(app.db, actorOf(req), q, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  listExportRoutes(app, '/recommendations', {
    tags, summary: 'The same recommendations (the same filters and read rule)', querystring: filtersOf(Filters.properties),
    file: 'recommendations', name: '协商建议', columns: () => recommendationColumns,
  }, (req, q) => listRecommendations(app.db, actorOf(req), q, FIRST_ROWS));

  const BoardQuery = obj({ days: Type.Integer({ minimum: 0, maximum: 180, default: 14 }) });
  app.get('/recommendations/board', {
    schema: { tags, summary: 'Lead assignments of recommendations due soon and overdue, by unit (staff, leaders): the 督办看板 beside the proposals', querystring: BoardQuery },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return { items: await recommendationBoard(app.db, actor.orgId, req.query.days) };
  });

  listExportRoutes(app, '/recommendations/board', {
    tags, summary: 'The same board, one row per assignment', querystring: BoardQuery, file: 'recommendation-board', name: '建议督办看板', columns: () => recommendationBoardColumns,
  }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return firstOf(boardRows(await recommendationBoard(app.db, actor.orgId, q.days)));
  });

  const MeasureQuery = obj({ year: Type.Optional(Year), kind: Type.Optional(lit(KINDS)) });
  app.get('/recommendations/measures', {
    schema: {
      tags, summary: 'What the outcomes changed, counted: per measure, the total quantity and the recommendations (staff, leaders); filters year, kind',
      querystring: MeasureQuery,
    },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return { items: await outcomeMeasures(app.db, actor.orgId, req.query) };
  });

  listExportRoutes(app, '/recommendations/measures', {
    tags, summary: 'The same measures (the same filters)', querystring: MeasureQuery, file: 'recommendation-measures', name: '协商成效', columns: () => measureColumns,
  }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'proposal.supervise');
    return firstOf(await outcomeMeasures(app.db, actor.orgId, q));
  });

  app.get('/recommendations/:id', { schema: { tags, summary: 'One recommendation: its units, replies and outcome', params: IdParams } }, async (req) => view(actorOf(req), req.params.id));

  app.get('/recommendations/:id/actions', { schema: { tags, summary: 'What I may do now (the UI draws its buttons from this)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const l = await loadRecommendation(app.db, actor, req.params.id);
    return recommendationWorkflow.allowed({ state: l.facts.state, actor, relations: l.relations, ctx: l.facts }).map(({ action, label }) => ({ action, label }));
  });

  app.post('/recommendations/:id/attachments', {
    schema: { tags, summary: 'Upload a file (multipart field "file") to attach to a reply or contact log by its id (the handling units)', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    await loadRecommendation(app.db, actorOf(req), req.params.id); // an unknown recommendation is a 404 before any upload is read
    return reply.status(201).send(await uploadRecommendationAttachment(ctxOf(req), req.params.id, await readUpload(req)));
  });

  app.get('/recommendations/:id/attachments/:attachmentId', {
    schema: { tags, summary: 'Download an attachment (whoever may read the recommendation)', params: obj({ id: Uuid, attachmentId: Uuid }) },
  }, async (req, reply) => {
    const l = await loadRecommendation(app.db, actorOf(req), req.params.id);
    return sendAttachment(req, reply, { orgId: l.r.orgId, kind: REC_KIND, id: l.r.id }, req.params.attachmentId);
  });

  app.get('/recommendations/:id/history', { schema: { tags, summary: 'Every state change and edit', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await loadRecommendation(app.db, actor, req.params.id);
    return entityHistory(app.db, actor.orgId, 'recommendation', req.params.id);
  });

  for (const [action, body] of Object.entries(ACTION_BODIES)) {
    app.post(`/recommendations/:id/actions/${action}`, {
      preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
      schema: { tags, summary: `Action: ${action}`, params: IdParams, body },
    }, async (req) => {
      const id = (req.params as { id: string }).id;
      await actOnRecommendation(ctxOf(req), id, action, (req.body ?? {}) as Record<string, unknown>);
      return view(actorOf(req), id, true);
    });
  }
}
