import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, ctxOf, errorResponses, IdParams, Name, Uuid } from '../../core/http.ts';
import { definePolicies } from '../../core/policies.ts';
import { addPlanItem, adoptPlan, deletePlanItem, planView, updatePlanItem } from './plan.ts';
import { KINDS } from './workflow.ts';
import { Year } from './routes.ts';
import { planColumns } from './export.ts';
import { listExportRoutes } from '../../core/list-export.ts';

definePolicies({ 'consultation.adoptPlan': ['leader'] });

const OfYear = Type.Object({ year: Year }, { additionalProperties: false });
const Item = {
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))), month: Type.Integer({ minimum: 1, maximum: 12 }), topic: Name(200),
  committeeId: Type.Optional(Type.Union([Uuid, Type.Null()])),
};

/** The yearly plan (x+N): staff draft its items, a leader adopts it; everyone of the committee reads it. */
export async function planRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const itemOf = async (orgId: string, item: { id: string; year: number }) => (await planView(app.db, orgId, item.year)).items.find((i) => i.id === item.id);

  app.get('/consultations/plan', { schema: { tags, summary: 'A year\'s plan: its items, planned and held per kind, and the x+N line', querystring: OfYear } },
    async (req) => planView(app.db, actorOf(req).orgId, req.query.year));

  listExportRoutes(app, '/consultations/plan', {
    tags, summary: 'A year\'s plan items', querystring: OfYear,
    file: 'consultation-plan', name: '年度协商计划', columns: () => planColumns,
  }, async (req, q) => {
    const { items } = await planView(app.db, actorOf(req).orgId, q.year);
    return { items, total: items.length };
  });

  app.post('/consultations/plan/items', {
    schema: { tags, summary: 'Add an item to a year\'s plan (staff, until adopted)', body: Type.Object({ year: Year, ...Item }, { additionalProperties: false }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const item = await addPlanItem(ctxOf(req), req.body);
    return reply.status(201).send(await itemOf(item.orgId, item));
  });

  app.patch('/consultations/plan/items/:id', {
    schema: { tags, summary: 'Change a plan item (staff, until adopted)', params: IdParams, body: Type.Partial(Type.Object(Item, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => itemOf(actorOf(req).orgId, await updatePlanItem(ctxOf(req), req.params.id, req.body)));

  app.delete('/consultations/plan/items/:id', { schema: { tags, summary: 'Drop a plan item (staff, until adopted)', params: IdParams } }, async (req, reply) => {
    await deletePlanItem(ctxOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.post('/consultations/plan/adopt', { schema: { tags, summary: 'Adopt a year\'s plan (a leader, for the chair meeting)', body: OfYear } }, async (req) => {
    await adoptPlan(ctxOf(req), req.body.year);
    return planView(app.db, actorOf(req).orgId, req.body.year);
  });
}
