import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { entityHistory } from '../../core/history.ts';
import { authorize, definePolicies, type Actor } from '../../core/policies.ts';
import { loadOpinion } from './access.ts';
import { actOnOpinion, createOpinion, updateOpinion } from './commands.ts';
import { listOpinions, myQuota, presentOpinion, thisYear } from './queries.ts';
import { opinionSettings, saveOpinionSettings } from './settings.ts';
import { opinionStatsOver, opinionStatsTables } from './stats.ts';
import { SCOPES, type Scope } from '../org/oversight.ts';
import { exportRoutes, filtersOf, FIRST_ROWS, listExportRoutes } from '../../core/list-export.ts';
import { opinionColumns } from './labels.ts';
import { LEVELS, STATES, opinionWorkflow } from './workflow.ts';

definePolicies({ 'opinion.stats': ['staff', 'admin', 'leader'] });

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
// The committee's limit (1,500 characters by default) is checked by the command, with a 422 naming /body.
const Body = Text(20000);

/** The body of each action, validated before the command runs. */
const ACTION_BODIES = {
  submit: obj({}), withdraw: obj({}),
  approve: obj({ title: Type.Optional(Name(100)), body: Type.Optional(Body), signer: Type.Optional(Name(50)), note: Type.Optional(Text(500)) }),
  return: obj({ reason: Text(500) }),
  reject: obj({ reason: Text(500) }),
  forward: obj({ bodies: Type.Array(Name(100), { minItems: 1, maxItems: 10, uniqueItems: true }), date: Day, note: Type.Optional(Text(500)) }),
  adopt: obj({ level: lit(LEVELS), adoptedBy: Name(100), date: Day, note: Type.Optional(Text(500)) }),
  instruct: obj({ leaderName: Name(50), leaderPosition: Name(100), level: lit(LEVELS), date: Day, content: Text(2000) }),
};
for (const a of opinionWorkflow.actionNames) if (!(a in ACTION_BODIES)) throw new Error(`no body schema for opinion action ${a}`);

const Filters = obj({
  ...Paging, state: Type.Optional(Type.Array(lit(STATES), { maxItems: STATES.length })), year: Type.Optional(Year),
  mine: Type.Optional(Type.Boolean()), authorMemberId: Type.Optional(Uuid), adoptedLevel: Type.Optional(lit(LEVELS)),
});

export async function opinionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['opinions'];
  const view = async (actor: Actor, id: string) => presentOpinion(app.db, (await loadOpinion(app.db, actor, id)).o);

  app.get('/opinions', { schema: { tags, summary: 'Reports I may see: my own (mine=true), or, for staff, leaders and admins, all handed in', querystring: Filters } }, async (req) => {
    const q = req.query;
    return { ...(await listOpinions(app.db, actorOf(req), q, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  listExportRoutes(app, '/opinions', {
    tags, summary: 'The same reports (the same filters and read rule)', querystring: filtersOf(Filters.properties),
    file: 'opinions', name: '社情民意信息', columns: () => opinionColumns,
  }, (req, q) => listOpinions(app.db, actorOf(req), q, FIRST_ROWS));

  app.post('/opinions', {
    schema: { tags, summary: 'Draft a report (a member; staff for a member, naming authorMemberId)', body: obj({ title: Name(100), body: Body, authorMemberId: Type.Optional(Uuid) }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const o = await createOpinion(ctxOf(req), req.body);
    return reply.status(201).send(await presentOpinion(app.db, o));
  });

  app.get('/opinions/settings', { schema: { tags, summary: 'Body limit and yearly quotas of this committee' } }, async (req) => opinionSettings(app.db, actorOf(req).orgId));

  app.patch('/opinions/settings', {
    schema: {
      tags, summary: 'Change the body limit or the quotas (admins)',
      body: Type.Partial(obj({
        bodyLimit: Type.Integer({ minimum: 200, maximum: 20000 }),
        quota: Type.Partial(obj({ standing: Type.Integer({ minimum: 0, maximum: 50 }), member: Type.Integer({ minimum: 0, maximum: 50 }) }), { additionalProperties: false, minProperties: 1 }),
      }), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => saveOpinionSettings(ctxOf(req), req.body));

  app.get('/opinions/quota', { schema: { tags, summary: 'My reports this year against my quota (member: null when the login is no member\'s)', querystring: obj({ year: Type.Optional(Year) }) } }, async (req) =>
    myQuota(app.db, actorOf(req), req.query.year ?? thisYear()));

  // scope=tree: with the committees below, added up (office and leaders, org/oversight.ts; others get their own).
  const StatsQuery = obj({ year: Type.Optional(Year), scope: Type.Optional(lit(SCOPES)) });
  const stats = (req: import('fastify').FastifyRequest<{ Querystring: { year?: number; scope?: Scope } }>) => {
    const actor = actorOf(req);
    authorize(actor, 'opinion.stats');
    return opinionStatsOver(app.db, actor, req.query.year ?? thisYear(), req.query.scope);
  };
  app.get('/opinions/stats', { schema: { tags, summary: 'A year\'s figures: by state, adopted by level, 批示, and per member against the quota (scope=tree: with the committees below, byOrg each one\'s)', querystring: StatsQuery } }, async (req) => stats(req));
  exportRoutes(app, '/opinions/stats', { tags, summary: 'The same figures: the year\'s figures, and the members against the quota', querystring: StatsQuery }, async (req) => {
    const s = await stats(req);
    return { file: `opinion-stats-${s.year}`, name: `社情民意统计${s.year}`, tables: opinionStatsTables(s) };
  });

  app.get('/opinions/:id', { schema: { tags, summary: 'One report, with its adoptions and 批示', params: IdParams } }, async (req) => view(actorOf(req), req.params.id));

  app.patch('/opinions/:id', {
    schema: { tags, summary: 'Edit: the author while draft or returned; staff while under review or approved', params: IdParams, body: Type.Partial(obj({ title: Name(100), body: Body }), { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => {
    await updateOpinion(ctxOf(req), req.params.id, req.body);
    return view(actorOf(req), req.params.id);
  });

  app.get('/opinions/:id/actions', { schema: { tags, summary: 'What I may do now (the UI draws its buttons from this)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const { bodyLimit } = await opinionSettings(app.db, actor.orgId);
    const l = await loadOpinion(app.db, actor, req.params.id, { bodyLimit });
    return opinionWorkflow.allowed({ state: l.facts.state, actor, relations: l.relations, ctx: l.facts }).map(({ action, label }) => ({ action, label }));
  });

  app.get('/opinions/:id/history', { schema: { tags, summary: 'Every state change and edit', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    await loadOpinion(app.db, actor, req.params.id);
    return entityHistory(app.db, actor.orgId, 'opinion', req.params.id);
  });

  for (const [action, body] of Object.entries(ACTION_BODIES)) {
    app.post(`/opinions/:id/actions/${action}`, {
      // Actions without fields may be posted without a body.
      preValidation: async (req) => { if (req.body === undefined) req.body = {}; },
      schema: { tags, summary: `Action: ${action}`, params: IdParams, body },
    }, async (req) => {
      const id = (req.params as { id: string }).id;
      await actOnOpinion(ctxOf(req), id, action, (req.body ?? {}) as Record<string, unknown>);
      return view(actorOf(req), id);
    });
  }
}
