import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TProperties } from 'typebox';
import { actorOf, ctxOf, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { entityHistory } from '../../core/history.ts';
import { notFound } from '../../core/errors.ts';
import { definePolicies, type Actor } from '../../core/policies.ts';
import { loadConsultation, subject } from './access.ts';
import { actOnConsultation, createConsultation, updateConsultation } from './commands.ts';
import { TASK_KEYS, TASK_STATES } from './checklist.ts';
import { isInsider } from './topic-access.ts';
import { checklistOf, listConsultations, listPublicConsultations, loadPublicConsultation, presentConsultation, presentPublicConsultation } from './queries.ts';
import { setTask } from './tasks.ts';
import { consultationColumns } from './export.ts';
import { FIRST_ROWS, filtersOf, listExportRoutes } from '../../core/list-export.ts';
import { figureScope, SCOPES } from '../org/oversight.ts';
import { readerOrg } from '../org/visitor.ts';
import { consultationWorkflow, KINDS, MODERATIONS, STATES } from './workflow.ts';

definePolicies({ 'consultation.manage': ['staff'] });

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T, opts: object = {}) => Type.Object(props, { additionalProperties: false, ...opts });
export const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Note = Type.Optional(Text(500));

/** The body of each action, validated before the command runs. */
const ACTION_BODIES = {
  prepare: obj({ note: Note }), convene: obj({ note: Note }),
  conclude: obj({ heldOn: Type.Optional(Type.String({ format: 'date' })), note: Note }),
  dispatch: obj({ note: Note }), track: obj({ note: Note }), close: obj({ note: Note }),
  openComments: obj({ moderation: lit(MODERATIONS), note: Note }), closeComments: obj({ note: Note }),
};
for (const a of consultationWorkflow.actionNames) if (!(a in ACTION_BODIES)) throw new Error(`no body schema for consultation action ${a}`);

const Filters = obj({
  ...Paging, kind: Type.Optional(lit(KINDS)), year: Type.Optional(Year),
  state: Type.Optional(Type.Array(lit(STATES), { maxItems: STATES.length })), roomId: Type.Optional(Uuid), published: Type.Optional(Type.Boolean()),
  /** tree: the public list of my committee and of the active ones below it, each item with its committee (org/oversight.ts). */
  scope: Type.Optional(lit(SCOPES)),
  /** A visitor's committee (org/visitor.ts): an active one; without it, the deployment's own. A login reads its own. */
  orgId: Type.Optional(Uuid),
});

export async function consultationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  /** A consultation as the committee's people read it; a public account reads the public list only (its office work is internal). */
  const load = (actor: Actor, id: string) => {
    if (!isInsider(actor)) throw notFound('Consultation');
    return loadConsultation(app.db, actor, id);
  };
  const view = async (actor: Actor, id: string) => presentConsultation(app.db, (await load(actor, id)).c);
  const checklist = async (actor: Actor, id: string) => checklistOf(app.db, (await load(actor, id)).c);

  // A public account is a visitor here (app.ts): it reads the public list; scope=tree is that list over the tree.
  const insider = (req: FastifyRequest, q: { published?: boolean; scope?: string }) => !!req.actor && isInsider(req.actor) && !q.published && q.scope !== 'tree';
  const listOf = async (req: FastifyRequest, q: Omit<Static<typeof Filters>, 'page' | 'pageSize'>, page: { limit: number; offset: number }) => {
    if (req.actor && q.scope === 'tree') return listPublicConsultations(app.db, await figureScope(app.db, req.actor, 'tree'), q, page);
    if (insider(req, q)) return listConsultations(app.db, req.actor!, q, page);
    const orgId = await readerOrg(app.db, req.actor, q.orgId);
    return orgId ? listPublicConsultations(app.db, orgId, q, page) : { items: [], total: 0 };
  };
  app.get('/consultations', {
    config: { public: true },
    schema: { tags, summary: 'Consultations of my committee (filters: kind, year, state, room); published=true, or no login: the public list (past the topic step, or with online comments open); scope=tree: that public list for my committee and those below it (office, leaders), with orgName', querystring: Filters },
  }, async (req) => ({ ...(await listOf(req, req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  listExportRoutes(app, '/consultations', {
    tags, summary: 'The same list (the same filters, the public one without a login)', querystring: filtersOf(Filters.properties), config: { public: true },
    file: 'consultations', name: '协商活动', columns: (req, q) => consultationColumns(insider(req, q)),
  }, async (req, q) => listOf(req, q, FIRST_ROWS));

  app.post('/consultations', {
    schema: {
      tags, summary: 'Open a consultation at its topic (staff), with the 八个一 checklist of its kind',
      body: obj({ title: Name(200), kind: lit(KINDS), year: Year, summary: Type.Optional(Text(5000)), planItemId: Type.Optional(Uuid), roomId: Type.Optional(Uuid) }),
      response: { ...errorResponses },
    },
  }, async (req, reply) => {
    const c = await createConsultation(ctxOf(req), req.body);
    return reply.status(201).send(await presentConsultation(app.db, c));
  });

  // Without a login (a public account is a visitor here), or with published=true (the public page, whoever reads it): a consultation of
  // the public list as the public reads it (queries.ts presentPublicConsultation); any other is a 404 to them.
  app.get('/consultations/:id', {
    config: { public: true },
    schema: {
      tags, params: IdParams, querystring: obj({ published: Type.Optional(Type.Boolean()) }),
      summary: 'One consultation, with its checklist; without login, or published=true: one of the public list (past the topic step, or with online comments open) as the public reads it — '
        + 'title, kind, year, summary, step, comments, heldOn, meeting (day, time and place once under way or over), the recommendations once assigned with their outcome and progress, commentCount',
    },
  }, async (req) => (req.actor && !req.query.published ? view(req.actor, req.params.id) : presentPublicConsultation(app.db, await loadPublicConsultation(app.db, req.params.id))));

  app.patch('/consultations/:id', {
    schema: { tags, summary: 'Edit the title or summary (staff)', params: IdParams, body: Type.Partial(obj({ title: Name(200), summary: Text(5000) }), { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => {
    await updateConsultation(ctxOf(req), req.params.id, req.body);
    return view(actorOf(req), req.params.id);
  });

  app.get('/consultations/:id/actions', { schema: { tags, summary: 'What I may do now (the UI draws its buttons from this)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const l = await load(actor, req.params.id);
    return consultationWorkflow.allowed(subject(l, actor)).map(({ action, label }) => ({ action, label }));
  });

  app.get('/consultations/:id/history', { schema: { tags, summary: 'Every state change and edit', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await load(actor, req.params.id);
    return entityHistory(app.db, actor.orgId, 'consultation', req.params.id);
  });

  app.get('/consultations/:id/checklist', { schema: { tags, summary: 'The 八个一 checklist: owner, due date, state and a late flag per item', params: IdParams } }, async (req) =>
    checklist(actorOf(req), req.params.id));

  app.patch('/consultations/:id/checklist', {
    schema: {
      tags, summary: 'Change one of the 八个一 (staff): include or leave it out, set its owner, due date, state or note', params: IdParams,
      body: obj({
        key: lit(TASK_KEYS), included: Type.Optional(Type.Boolean()),
        owner: Type.Optional(Type.Union([Name(100), Type.Null()])), dueDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
        state: Type.Optional(lit(TASK_STATES)), note: Type.Optional(Type.Union([Text(500), Type.Null()])),
      }, { minProperties: 2 }),
      response: { ...errorResponses },
    },
  }, async (req) => {
    await setTask(ctxOf(req), req.params.id, req.body);
    return checklist(actorOf(req), req.params.id);
  });

  for (const [action, body] of Object.entries(ACTION_BODIES)) {
    app.post(`/consultations/:id/actions/${action}`, {
      // Actions without fields may be posted without a body.
      preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
      schema: { tags, summary: `Action: ${action}`, params: IdParams, body },
    }, async (req) => {
      const id = (req.params as { id: string }).id;
      await actOnConsultation(ctxOf(req), id, action, (req.body ?? {}) as Record<string, unknown>);
      return view(actorOf(req), id);
    });
  }
}
