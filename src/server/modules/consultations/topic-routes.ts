import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static, TProperties } from 'typebox';
import { actorOf, ctxOf, errorResponses, IdParams, Name, pageOf, Paging, publicWrites, Text, Uuid } from '../../core/http.ts';
import { entityHistory } from '../../core/history.ts';
import { definePolicies, ROLES } from '../../core/policies.ts';
import { Year } from './routes.ts';
import { isInsider, loadTopic, topicSubject } from './topic-access.ts';
import { actOnTopic, proposeTopic } from './topic-commands.ts';
import { listTopics, presentTopic } from './topic-queries.ts';
import { PICK_AS, TOPIC_STATES, topicWorkflow } from './topic-workflow.ts';
import { KINDS } from './workflow.ts';
import { topicColumns } from './export.ts';
import { FIRST_ROWS, filtersOf, listExportRoutes } from '../../core/list-export.ts';
import { readerOrg } from '../org/visitor.ts';

// Anyone logged in proposes (the public included); the workflow table says who may do the rest.
definePolicies({ 'consultationTopic.propose': ROLES });

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T, opts: object = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const Note = Type.Optional(Text(500));

/** The body of each action, validated before the command runs. */
const ACTION_BODIES = {
  shortlist: obj({ note: Note }),
  pick: obj({ as: lit(PICK_AS), kind: lit(KINDS), month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })), note: Note }),
  decline: obj({ answer: Text(1000) }),
  merge: obj({ intoId: Uuid, answer: Type.Optional(Text(1000)) }),
  support: obj({}), unsupport: obj({}),
};
for (const a of topicWorkflow.actionNames) if (!(a in ACTION_BODIES)) throw new Error(`no body schema for topic action ${a}`);

const Filters = obj({
  ...Paging, year: Type.Optional(Year), state: Type.Optional(Type.Array(lit(TOPIC_STATES), { maxItems: TOPIC_STATES.length })),
  /** A visitor's committee (org/visitor.ts): an active one; without it, the deployment's own. A login reads its own. */
  orgId: Type.Optional(Uuid),
});

// Public accounts (网民) propose, support and read topics as themselves (app.ts lets them in with `publicAccounts`).
const forPublic = { public: true, publicAccounts: true } as const;

/** 开门式选题: topics for a year's consultations, open to everyone; the open ones are readable without a login. */
export async function topicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const view = async (req: FastifyRequest, id: string) => presentTopic(app.db, req.actor, (await loadTopic(app.db, req.actor, id)).t);

  /** A visitor lists the topics of the committee named, or of the deployment's own (none of an unknown or deactivated one). */
  const topicsOf = async (req: FastifyRequest, q: Omit<Static<typeof Filters>, 'page' | 'pageSize'>, page: { limit: number; offset: number }) => {
    const orgId = await readerOrg(app.db, req.actor, q.orgId);
    return orgId ? listTopics(app.db, req.actor, q, page, orgId) : { items: [], total: 0 };
  };
  app.get('/consultations/topics', {
    config: forPublic,
    schema: { tags, summary: 'Topics proposed for consultations, the most supported first (without a login: those open for support and those picked)', querystring: Filters },
  }, async (req) => {
    const q = req.query;
    return { ...(await topicsOf(req, q, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  listExportRoutes(app, '/consultations/topics', {
    tags, summary: 'The same topics (the same filters; what the caller may read of them)', querystring: filtersOf(Filters.properties), config: forPublic,
    file: 'consultation-topics', name: '协商选题', columns: () => topicColumns,
  }, (req, q) => topicsOf(req, q, FIRST_ROWS));

  app.post('/consultations/topics', {
    config: publicWrites,
    schema: {
      tags, summary: 'Propose a topic for a year (anyone logged in, the public included)',
      body: obj({ year: Year, title: Name(200), reason: Text(3000), suggestedKind: Type.Optional(lit(KINDS)), suggestedOwner: Type.Optional(Name(100)) }),
      response: { ...errorResponses },
    },
  }, async (req, reply) => {
    const t = await proposeTopic(ctxOf(req), req.body);
    return reply.status(201).send(await view(req, t.id));
  });

  app.get('/consultations/topics/:id', {
    config: forPublic,
    schema: { tags, summary: 'One topic: its support, its answer (to the proposer) and what it became', params: IdParams },
  }, async (req) => view(req, req.params.id));

  app.get('/consultations/topics/:id/actions', { config: { publicAccounts: true }, schema: { tags, summary: 'What I may do now (the UI draws its buttons from this)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const l = await loadTopic(app.db, actor, req.params.id);
    return topicWorkflow.allowed(topicSubject(l, actor)).map(({ action, label }) => ({ action, label }));
  });

  app.get('/consultations/topics/:id/history', { config: { publicAccounts: true }, schema: { tags, summary: 'Every state change and support (a public account: the state changes, without who made them)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await loadTopic(app.db, actor, req.params.id);
    const all = await entityHistory(app.db, actor.orgId, 'consultationTopic', req.params.id);
    if (isInsider(actor)) return all;
    // A member of the public reads the steps, not who supported it nor who did what (but themself).
    return all.filter((h) => h.action !== 'support' && h.action !== 'unsupport')
      .map((h) => (h.actorUserId === actor.id ? h : { ...h, actorUserId: null, actorName: null }));
  });

  for (const [action, body] of Object.entries(ACTION_BODIES)) {
    app.post(`/consultations/topics/:id/actions/${action}`, {
      config: (action === 'support' || action === 'unsupport' ? publicWrites : { publicAccounts: true }) as FastifyContextConfig,
      preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
      schema: { tags, summary: `Action: ${action}`, params: IdParams, body },
    }, async (req) => {
      const id = (req.params as { id: string }).id;
      await actOnTopic(ctxOf(req), id, action, (req.body ?? {}) as Record<string, unknown>);
      return view(req, id);
    });
  }
}
