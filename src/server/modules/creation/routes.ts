import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TObject, TProperties } from 'typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, pageOf, Paging, Uuid } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import { truncationNote } from '../../core/xlsx.ts';
import { exportRoutes, filtersOf, FIRST_ROWS, listExportRoutes } from '../../core/list-export.ts';
import { readUpload, sendAttachment } from '../handling/attachment-http.ts';
import { loadProject, ownCommittee, scopeOf } from './access.ts';
import {
  addExchange, addHonour, createPairing, createProject, logActivity, PROJECT_FILE_KIND, updateActivity, updateExchange, updateHonour, updatePairing, updateProject, uploadProjectFile,
} from './commands.ts';
import { activityColumns, exchangeColumns, honourColumns, pairingColumns, participantColumns, projectsTable } from './export.ts';
import { ACTIVITY_KINDS, HONOUR_LEVELS, MEMBER_LEVELS, PROJECT_KINDS, PROJECT_STATES } from './labels.ts';
import {
  figures, listActivities, listExchanges, listHonours, listPairings, listParticipants, listProjects, presentActivities, presentExchange, presentHonours, presentPairings, projectView,
} from './queries.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
/** The same fields, each optional, at least one given (a PATCH body). */
const patchOf = <T extends TProperties>(o: TObject<T>) => Type.Partial(o, { additionalProperties: false, minProperties: 1 });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const County = Type.Union([Uuid, Type.Null()]);

/** scope=own: the caller's committee's rows only (the office and leaders of a city otherwise read its county committees' too). */
const OwnScope = { scope: Type.Optional(Type.Literal('own')) };
const Where = { year: Type.Optional(Year), countyOrgId: Type.Optional(Uuid), memberId: Type.Optional(Uuid), ...OwnScope };
const ProjectFilters = {
  ...Where, kind: Type.Optional(lit(PROJECT_KINDS)), state: Type.Optional(lit(PROJECT_STATES)), started: Type.Optional(Type.Boolean()), level: Type.Optional(lit(MEMBER_LEVELS)),
};
const ProjectBody = obj({
  kind: lit(PROJECT_KINDS), name: Name(100), memberIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 20 })), countyOrgId: Type.Optional(County),
  level: Type.Optional(lit(MEMBER_LEVELS)),
  /** In 元. */
  investment: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })), jobs: Type.Optional(Count), poorHouseholds: Type.Optional(Count),
  state: Type.Optional(lit(PROJECT_STATES)), startedOn: Day, description: Type.Optional(Type.String({ maxLength: 5000 })),
});
const PairingBody = obj({
  memberId: Type.Optional(Uuid), householdName: Name(50), householdPlace: Type.Optional(Type.String({ maxLength: 100 })),
  practicalThing: Type.Optional(Type.String({ maxLength: 1000 })), suggestion: Type.Optional(Type.String({ maxLength: 1000 })), pairedOn: Day, countyOrgId: Type.Optional(County),
});
const ActivityBody = obj({
  kind: lit(ACTIVITY_KINDS), date: Day, place: Name(100), countyOrgId: Type.Optional(County), beneficiaries: Type.Optional(Count),
  memberIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })), summary: Type.Optional(Type.String({ maxLength: 2000 })),
});
const HonourBody = obj({ memberId: Uuid, level: lit(HONOUR_LEVELS), awardedBy: Name(100), title: Name(100), date: Day });
const ExchangeBody = obj({ date: Day, place: Name(100), topic: Name(200), attendees: Type.Optional(Count), countyOrgId: Type.Optional(County) });

export async function creationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['creation'];
  const scope = async (req: Parameters<typeof actorOf>[0]) => {
    const s = await scopeOf(app.db, actorOf(req));
    return (req.query as { scope?: string } | undefined)?.scope === 'own' ? ownCommittee(s, actorOf(req).orgId) : s;
  };
  const paged = <T extends object>(q: { page: number; pageSize: number }, r: T) => ({ ...r, page: q.page, pageSize: q.pageSize });

  app.get('/creation/figures', {
    schema: { tags, summary: 'The 双创 figures for a year and county (default: all), each with the list URL whose total (or summed field) equals it', querystring: obj({ year: Type.Optional(Year), countyOrgId: Type.Optional(Uuid), ...OwnScope }) },
  }, async (req) => {
    authorize(actorOf(req), 'creation.read');
    return figures(app.db, await scope(req), req.query);
  });

  const ParticipantFilters = { ...Paging, year: Type.Optional(Year), countyOrgId: Type.Optional(Uuid), honoured: Type.Optional(Type.Boolean()), ...OwnScope };
  app.get('/creation/participants', {
    schema: { tags, summary: 'Members taking part (projects, pairings, activities), or honoured; members: themself', querystring: obj(ParticipantFilters) },
  }, async (req) => paged(req.query, await listParticipants(app.db, await scope(req), req.query, pageOf(req.query))));
  listExportRoutes(app, '/creation/participants', {
    tags, summary: 'The same members (same filters)', querystring: filtersOf(ParticipantFilters), file: 'creation-participants', name: '投身双创的委员', columns: () => participantColumns,
  }, async (req, q) => listParticipants(app.db, await scope(req), q, FIRST_ROWS));

  // ── projects ──
  app.get('/creation/projects', { schema: { tags, summary: 'Members\' projects (members: their own), with the sums of money, jobs and households over all that match', querystring: obj({ ...Paging, ...ProjectFilters }) } },
    async (req) => paged(req.query, await listProjects(app.db, await scope(req), req.query, pageOf(req.query))));

  exportRoutes(app, '/creation/projects', { tags, summary: 'The projects (same filters)', querystring: obj({ q: Paging.q, ...ProjectFilters }) }, async (req, q) => {
    const list = await listProjects(app.db, await scope(req), q, FIRST_ROWS);
    return { file: 'creation-projects', name: '委员双创项目', tables: projectsTable(list.items, list.sums, truncationNote(list.total)) };
  });

  app.post('/creation/projects', { schema: { tags, summary: 'Register a project (a member their own; staff for members)', body: ProjectBody, response: { ...errorResponses } } }, async (req, reply) => {
    const p = await createProject(ctxOf(req), req.body);
    return reply.status(201).send(await projectView(app.db, await scope(req), p));
  });

  app.get('/creation/projects/:id', { schema: { tags, summary: 'One project with its photos and documents', params: IdParams } }, async (req) => {
    const { project, scope: s } = await loadProject(app.db, actorOf(req), req.params.id);
    return projectView(app.db, s, project);
  });

  app.patch('/creation/projects/:id', { schema: { tags, summary: 'Edit a project (its members, or staff)', params: IdParams, body: patchOf(ProjectBody) } }, async (req) => {
    const p = await updateProject(ctxOf(req), req.params.id, req.body);
    return projectView(app.db, await scope(req), p);
  });

  app.post('/creation/projects/:id/files', {
    schema: { tags, summary: 'Add a photo or document to a project (multipart field "file"; the type from its content)', params: IdParams, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    await loadProject(app.db, actorOf(req), req.params.id); // an unknown project is a 404 before any upload is read
    const row = await uploadProjectFile(ctxOf(req), req.params.id, await readUpload(req));
    return reply.status(201).send({ ...row, kind: row.mime.startsWith('image/') ? 'photo' : 'document' });
  });

  app.get('/creation/projects/:id/files/:fileId', { schema: { tags, summary: 'A photo or document of a project', params: obj({ id: Uuid, fileId: Uuid }) } }, async (req, reply) => {
    const { project } = await loadProject(app.db, actorOf(req), req.params.id);
    return sendAttachment(req, reply, { orgId: project.orgId, kind: PROJECT_FILE_KIND, id: project.id }, req.params.fileId);
  });

  // ── 三个一 pairings ──
  const PairingFilters = { ...Paging, ...Where };
  app.get('/creation/pairings', { schema: { tags, summary: '三个一 pairings (the household\'s name masked but for the office and the member)', querystring: obj(PairingFilters) } },
    async (req) => paged(req.query, await listPairings(app.db, actorOf(req), await scope(req), req.query, pageOf(req.query))));
  listExportRoutes(app, '/creation/pairings', {
    tags, summary: 'The same pairings (same filters, the same masking)', querystring: filtersOf(PairingFilters), file: 'creation-pairings', name: '三个一结对', columns: () => pairingColumns,
  }, async (req, q) => listPairings(app.db, actorOf(req), await scope(req), q, FIRST_ROWS));

  const pairingOut = async (req: Parameters<typeof actorOf>[0], row: Parameters<typeof presentPairings>[3][number]) =>
    (await presentPairings(app.db, actorOf(req), await scope(req), [row]))[0];
  app.post('/creation/pairings', { schema: { tags, summary: 'Record a 三个一 pairing (a member their own; staff for a member)', body: PairingBody, response: { ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(await pairingOut(req, await createPairing(ctxOf(req), req.body))));
  app.patch('/creation/pairings/:id', { schema: { tags, summary: 'Edit a pairing', params: IdParams, body: patchOf(PairingBody) } }, async (req) =>
    pairingOut(req, await updatePairing(ctxOf(req), req.params.id, req.body)));

  // ── 五送 activities ──
  const ActivityFilters = { ...Paging, ...Where, kind: Type.Optional(lit(ACTIVITY_KINDS)) };
  app.get('/creation/activities', { schema: { tags, summary: '五送 activities (members: theirs)', querystring: obj(ActivityFilters) } },
    async (req) => paged(req.query, await listActivities(app.db, await scope(req), req.query, pageOf(req.query))));
  listExportRoutes(app, '/creation/activities', {
    tags, summary: 'The same activities (same filters)', querystring: filtersOf(ActivityFilters), file: 'creation-activities', name: '五送活动', columns: () => activityColumns,
  }, async (req, q) => listActivities(app.db, await scope(req), q, FIRST_ROWS));
  app.post('/creation/activities', { schema: { tags, summary: 'Log a 五送 activity (a member their own; staff for members)', body: ActivityBody, response: { ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send((await presentActivities(app.db, await scope(req), [await logActivity(ctxOf(req), req.body)]))[0]));
  app.patch('/creation/activities/:id', { schema: { tags, summary: 'Edit an activity', params: IdParams, body: patchOf(ActivityBody) } }, async (req) =>
    (await presentActivities(app.db, await scope(req), [await updateActivity(ctxOf(req), req.params.id, req.body)]))[0]);

  // ── honours and exchange meetings ──
  const HonourFilters = { ...Paging, ...Where, level: Type.Optional(lit(HONOUR_LEVELS)) };
  app.get('/creation/honours', { schema: { tags, summary: 'Honours members received (members: their own)', querystring: obj(HonourFilters) } },
    async (req) => paged(req.query, await listHonours(app.db, await scope(req), req.query, pageOf(req.query))));
  listExportRoutes(app, '/creation/honours', {
    tags, summary: 'The same honours (same filters)', querystring: filtersOf(HonourFilters), file: 'creation-honours', name: '委员荣誉', columns: () => honourColumns,
  }, async (req, q) => listHonours(app.db, await scope(req), q, FIRST_ROWS));
  app.post('/creation/honours', { schema: { tags, summary: 'Record an honour (staff)', body: HonourBody, response: { ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send((await presentHonours(app.db, await scope(req), [await addHonour(ctxOf(req), req.body)]))[0]));
  app.patch('/creation/honours/:id', { schema: { tags, summary: 'Edit an honour (staff)', params: IdParams, body: patchOf(HonourBody) } }, async (req) =>
    (await presentHonours(app.db, await scope(req), [await updateHonour(ctxOf(req), req.params.id, req.body)]))[0]);

  const ExchangeFilters = { ...Paging, year: Type.Optional(Year), countyOrgId: Type.Optional(Uuid), ...OwnScope };
  app.get('/creation/exchanges', { schema: { tags, summary: 'Experience-exchange meetings', querystring: obj(ExchangeFilters) } },
    async (req) => paged(req.query, await listExchanges(app.db, await scope(req), req.query, pageOf(req.query))));
  listExportRoutes(app, '/creation/exchanges', {
    tags, summary: 'The same meetings (same filters)', querystring: filtersOf(ExchangeFilters), file: 'creation-exchanges', name: '双创经验交流会', columns: () => exchangeColumns,
  }, async (req, q) => listExchanges(app.db, await scope(req), q, FIRST_ROWS));
  app.post('/creation/exchanges', { schema: { tags, summary: 'Record an experience-exchange meeting (staff)', body: ExchangeBody, response: { ...errorResponses } } }, async (req, reply) =>
    reply.status(201).send(presentExchange(await scope(req), await addExchange(ctxOf(req), req.body))));
  app.patch('/creation/exchanges/:id', { schema: { tags, summary: 'Edit an experience-exchange meeting (staff)', params: IdParams, body: patchOf(ExchangeBody) } }, async (req) =>
    presentExchange(await scope(req), await updateExchange(ctxOf(req), req.params.id, req.body)));
}
