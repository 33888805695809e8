import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { notFound } from '../../core/errors.ts';
import { authorize, can } from '../../core/policies.ts';
import { exportRoutes, filtersOf, firstOf, FIRST_ROWS, listExportRoutes, listSheet } from '../../core/list-export.ts';
import { today } from '../handling/deadlines.ts';
import { activityColumns, campaignColumns, groupColumns, ideaColumns, PEOPLE_NAMES, personColumns } from './export.ts';
import { addGroupMember, adoptIdea, createGroup, logActivity, openCampaign, removeGroupMember, submitIdea, updateGroup } from './commands.ts';
import { ACTIVITY_KINDS, GROUP_KINDS } from './labels.ts';
import { figureScope, SCOPES } from '../org/oversight.ts';
import { addFigures, perCommittee, rolledUp } from '../org/rollup.ts';
import { type ActivityFilter, campaignView, groupView, listActivities, listCampaigns, listGroups, listIdeas, partyFiguresByOrg, people, PEOPLE_SCOPES, presentEntry, presentIdea } from './queries.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const thisYear = () => Number(today().slice(0, 4));

export async function partyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['party'];
  const read = (req: FastifyRequest) => { const a = actorOf(req); authorize(a, 'party.read'); return a; };

  const GroupFilters = obj({ kind: Type.Optional(lit(GROUP_KINDS)), active: Type.Optional(Type.Boolean()) });
  app.get('/party/groups', { schema: { tags, summary: 'The party groups, parents before children, with member counts', querystring: GroupFilters } }, async (req) => {
    const items = await listGroups(app.db, read(req).orgId, req.query);
    return { items, total: items.length };
  });
  exportRoutes(app, '/party/groups', { tags, summary: 'The same groups (same filters)', querystring: GroupFilters }, async (req, q) => {
    const orgId = read(req).orgId;
    // The parent's name is looked up among all the groups (the filtered rows may leave it out).
    const all = [...await listGroups(app.db, orgId, {}), ...await listGroups(app.db, orgId, { active: false })];
    return { file: 'party-groups', name: '党组织', tables: listSheet('党组织', groupColumns(all), firstOf(await listGroups(app.db, orgId, q))) };
  });

  app.post('/party/groups', {
    schema: { tags, summary: 'Set up a party group (staff) under its parent', body: obj({ kind: lit(GROUP_KINDS), name: Name(100), parentId: Type.Optional(Uuid), committeeId: Type.Optional(Uuid), countyOrgId: Type.Optional(Uuid) }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const g = await createGroup(ctxOf(req), req.body);
    return reply.status(201).send(await groupView(app.db, g.orgId, g.id));
  });

  app.get('/party/groups/:id', { schema: { tags, summary: 'One group with its members', params: IdParams } }, async (req) => {
    const g = await groupView(app.db, read(req).orgId, req.params.id);
    if (!g) throw notFound('Group');
    return g;
  });

  app.patch('/party/groups/:id', {
    schema: { tags, summary: 'Rename a group or stand it down (staff)', params: IdParams, body: Type.Object({ name: Type.Optional(Name(100)), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => {
    const g = await updateGroup(ctxOf(req), req.params.id, req.body);
    return groupView(app.db, g.orgId, g.id);
  });

  app.post('/party/groups/:id/members', {
    schema: { tags, summary: 'Add a member to a group (staff): a committee member (memberId), or office staff by name and user', params: IdParams,
      body: obj({ memberId: Type.Optional(Uuid), userId: Type.Optional(Uuid), name: Type.Optional(Name(50)), role: Type.Optional(Name(20)) }), response: { ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentEntry(await addGroupMember(ctxOf(req), req.params.id, req.body))));

  app.delete('/party/groups/:id/members/:entryId', {
    schema: { tags, summary: 'Take a member off a group (staff)', params: obj({ id: Uuid, entryId: Uuid }) },
  }, async (req) => presentEntry(await removeGroupMember(ctxOf(req), req.params.id, req.params.entryId)));

  app.post('/party/groups/:id/activities', {
    schema: { tags, summary: 'Log a group\'s activity (staff): 三会一课, 主题党日, other, with the attendees (members of the group or groups under it)', params: IdParams,
      body: obj({ kind: lit(ACTIVITY_KINDS), date: Day, topic: Text(200), attendeeIds: Type.Array(Uuid, { maxItems: 1000, uniqueItems: true }) }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const a = await logActivity(ctxOf(req), req.params.id, req.body);
    const { items } = await listActivities(app.db, actorOf(req), { groupId: a.groupId, from: a.date, to: a.date }, { limit: 1000, offset: 0 });
    return reply.status(201).send(items.find((x) => x.id === a.id));
  });

  const ActivityFilters = { ...Paging, groupId: Type.Optional(Uuid), from: Type.Optional(Day), to: Type.Optional(Day), kind: Type.Optional(lit(ACTIVITY_KINDS)), mine: Type.Optional(Type.Boolean()) };
  /** The activities the caller may list: mine=true anyone's own, else the office's read. */
  const activities = (req: FastifyRequest, q: ActivityFilter, page: { limit: number; offset: number }) => {
    const actor = actorOf(req);
    if (!q.mine) authorize(actor, 'party.read');
    return listActivities(app.db, actor, q, page);
  };
  app.get('/party/activities', {
    schema: { tags, summary: 'Party activities, newest first (of a group and those under it, in a period); mine=true: the ones I attended or my groups held',
      querystring: obj(ActivityFilters) },
  }, async (req) => {
    const q = req.query;
    return { ...(await activities(req, q, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });
  listExportRoutes(app, '/party/activities', {
    tags, summary: 'The same activities (same filters)', querystring: filtersOf(ActivityFilters), file: 'party-activities', name: '党组织活动', columns: () => activityColumns,
  }, async (req, q) => activities(req, q, FIRST_ROWS));

  const PeopleQuery = obj({ scope: lit(PEOPLE_SCOPES), year: Type.Optional(Year) });
  app.get('/party/people', {
    schema: { tags, summary: 'The people behind the party figures, each once: office (机关党员), liaisons (党员委员 linking non-party members), linked (those non-party members)',
      querystring: PeopleQuery },
  }, async (req) => {
    const items = await people(app.db, read(req).orgId, req.query.scope, req.query.year ?? thisYear());
    return { items, total: items.length };
  });
  exportRoutes(app, '/party/people', { tags, summary: 'The same people', querystring: PeopleQuery }, async (req, q) => {
    const year = q.year ?? thisYear();
    const name = q.scope === 'office' ? PEOPLE_NAMES.office : `${year}年${PEOPLE_NAMES[q.scope]}`;
    return { file: `party-people-${q.scope}`, name, tables: listSheet(name, personColumns, firstOf(await people(app.db, read(req).orgId, q.scope, year))) };
  });

  // scope=tree: with the committees below, added up (office and leaders, org/oversight.ts; others get their own).
  app.get('/party/figures', {
    schema: { tags, summary: 'The party organisation in figures for a year, each with its source list (scope=tree: with the committees below, each figure with its parts)', querystring: obj({ year: Type.Optional(Year), scope: Type.Optional(lit(SCOPES)) }) },
  }, async (req) => {
    const actor = read(req), year = req.query.year ?? thisYear();
    // Every committee's figures read at once, grouped by committee.
    const committees = await figureScope(app.db, actor, req.query.scope);
    const byOrg = await partyFiguresByOrg(app.db, committees.map((c) => c.id), year);
    const parts = await perCommittee(app.db, actor, committees, async (a) => byOrg.get(a.orgId)!.figures);
    return rolledUp(parts)
      ? { year, scope: 'tree', committees: parts.map((p) => p.org.name), figures: addFigures(parts) }
      : { year, scope: 'own', figures: parts[0]!.value };
  });

  // Campaigns ("我为…献一计").
  const CampaignFilters = obj({ open: Type.Optional(Type.Boolean()) });
  app.get('/campaigns', { schema: { tags, summary: 'Campaigns with their counts (open=true: those open today)', querystring: CampaignFilters } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'campaigns.read');
    const items = await listCampaigns(app.db, actor, req.query);
    return { items, total: items.length };
  });
  listExportRoutes(app, '/campaigns', {
    tags, summary: 'The same campaigns', querystring: CampaignFilters, file: 'campaigns', name: '献计活动', columns: () => campaignColumns,
  }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'campaigns.read');
    return firstOf(await listCampaigns(app.db, actor, q));
  });

  app.post('/campaigns', {
    schema: { tags, summary: 'Open a campaign (staff): a theme and the window members submit ideas in', body: obj({ title: Name(100), theme: Text(1000), opensOn: Day, closesOn: Day }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const k = await openCampaign(ctxOf(req), req.body);
    return reply.status(201).send(await campaignView(app.db, k.orgId, k.id));
  });

  app.get('/campaigns/:id', { schema: { tags, summary: 'One campaign with its counts (ideas, adopted)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'campaigns.read');
    const k = await campaignView(app.db, actor.orgId, req.params.id);
    if (!k) throw notFound('Campaign');
    return k;
  });

  const IdeaFilters = { ...Paging, adopted: Type.Optional(Type.Boolean()), mine: Type.Optional(Type.Boolean()) };
  /** A campaign's ideas as the caller may list them (mine=true: their own, as a leader linked to a member wants), and the campaign. */
  const ideas = async (req: FastifyRequest, id: string, q: { adopted?: boolean; mine?: boolean }, page: { limit: number; offset: number }) => {
    const actor = actorOf(req);
    authorize(actor, 'campaigns.read');
    const campaign = await campaignView(app.db, actor.orgId, id);
    if (!campaign) throw notFound('Campaign');
    return { campaign, list: await listIdeas(app.db, actor, id, { all: can(actor, 'party.read') && !q.mine, adopted: q.adopted }, page) };
  };
  app.get('/campaigns/:id/ideas', {
    schema: { tags, summary: 'A campaign\'s ideas (members: their own; mine=true: the caller\'s own)', params: IdParams, querystring: obj(IdeaFilters) },
  }, async (req) => {
    const q = req.query;
    return { ...(await ideas(req, req.params.id, q, pageOf(q))).list, page: q.page, pageSize: q.pageSize };
  });
  exportRoutes(app, '/campaigns/:id/ideas', { tags, summary: 'The same ideas (same filters)', params: IdParams, querystring: filtersOf(IdeaFilters) }, async (req, q) => {
    const { campaign, list } = await ideas(req, (req.params as { id: string }).id, q, FIRST_ROWS);
    return { file: 'campaign-ideas', name: `${campaign.title}金点子`, tables: listSheet('金点子', ideaColumns, list) };
  });

  app.post('/campaigns/:id/ideas', {
    schema: { tags, summary: 'Submit an idea (a member, while the campaign is open; else 409)', params: IdParams, body: obj({ title: Name(100), content: Text(5000) }), response: { ...errorResponses } },
  }, async (req, reply) => reply.status(201).send(presentIdea(await submitIdea(ctxOf(req), req.params.id, req.body))));

  app.post('/campaigns/ideas/:id/adopt', {
    schema: { tags, summary: 'Mark an idea adopted (staff), naming the adopting body', params: IdParams, body: obj({ adoptedBy: Name(100), adoptedOn: Type.Optional(Day) }), response: { ...errorResponses } },
  }, async (req) => presentIdea(await adoptIdea(ctxOf(req), req.params.id, req.body)));

}
