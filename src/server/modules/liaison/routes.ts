import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, pageOf, Paging, Text, Uuid } from '../../core/http.ts';
import { invalid, notFound, say } from '../../core/errors.ts';
import { authorize, can, type Actor } from '../../core/policies.ts';
import { exportRoutes, filtersOf, firstOf, FIRST_ROWS, listExportRoutes, listSheet } from '../../core/list-export.ts';
import { readUpload, sendAttachment } from '../handling/attachment-http.ts';
import { today } from '../handling/deadlines.ts';
import { correctionRefused, loadContact, loadLink, type Contact, type Link } from './access.ts';
import { addLink, convertOpinion, deleteContact, holdMeeting, logContact, reassignLink, removeLink, saveReport, updateContact, uploadReport } from './commands.ts';
import { BY, COUNTERS, counterRecords } from './counters.ts';
import { complianceByOrgTable, complianceOver, countersByOrgTable, countersOver } from './rollup.ts';
import { SCOPES } from '../org/oversight.ts';
import { complianceTable, contactColumns, countersTable, linksTable, meetingColumns, reportColumns } from './export.ts';
import { generateLinks } from './generate.ts';
import { CHANNELS } from './labels.ts';
import { contactView, graphSummary, linkView, listContacts, listLinks, listMeetings, listReports, loadReport, meetingView, presentReport } from './queries.ts';
import { KINDS } from './rules.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const thisYear = () => Number(today().slice(0, 4));

const LinkFilters = obj({
  ...Paging, year: Type.Optional(Year), kind: Type.Optional(lit(KINDS)), fromMemberId: Type.Optional(Uuid), toMemberId: Type.Optional(Uuid),
  mine: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()),
});
const LinkBody = obj({
  year: Year, kind: lit(KINDS), fromMemberId: Type.Optional(Uuid), toMemberId: Type.Optional(Uuid), sectorId: Type.Optional(Uuid), committeeId: Type.Optional(Uuid),
  reason: Type.Optional(Name(100)),
});
const ContactBody = obj({
  date: Day, channel: lit(CHANNELS), participants: Name(200), topics: Text(500),
  policyTalk: Type.Optional(Type.Boolean()), massesReached: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  opinions: Type.Optional(Type.Array(Text(1000), { maxItems: 20 })), problemsSolved: Type.Optional(Type.Array(Text(500), { maxItems: 20 })),
});
/** A contact's fields as corrected (any of them; the opinions collected are not rewritten). */
const ContactFields = {
  date: Type.Optional(Day), channel: Type.Optional(lit(CHANNELS)), participants: Type.Optional(Name(200)), topics: Type.Optional(Text(500)),
  policyTalk: Type.Optional(Type.Boolean()), massesReached: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  problemsSolved: Type.Optional(Type.Array(Text(500), { maxItems: 20 })),
};
const CounterFilters = { from: Type.Optional(Day), to: Type.Optional(Day), memberId: Type.Optional(Uuid), sectorId: Type.Optional(Uuid), committeeId: Type.Optional(Uuid), countyOrgId: Type.Optional(Uuid) };
const Period = obj({ ...CounterFilters, by: Type.Optional(lit(BY)), scope: Type.Optional(lit(SCOPES)) });
const MeetingBody = obj({
  date: Day, place: Name(100), sessionId: Uuid, attendeeIds: Type.Array(Uuid, { minItems: 1, maxItems: 2000, uniqueItems: true }),
  topics: Type.Array(Text(500), { maxItems: 50 }), opinions: Type.Optional(Type.Array(obj({ memberId: Uuid, content: Text(1000) }), { maxItems: 200 })),
});
const YearQuery = obj({ year: Type.Optional(Year) });
const ContactFilters = { ...Paging, year: Type.Optional(Year), linkId: Type.Optional(Uuid), mine: Type.Optional(Type.Boolean()) };

export async function liaisonRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['liaison'];
  const office = (req: FastifyRequest) => authorize(actorOf(req), 'liaison.read');
  const period = <Q extends { from?: string; to?: string }>(q: Q) => {
    const year = thisYear();
    const p = { ...q, from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31` };
    if (p.to < p.from) throw invalid('/to', say('不能早于开始日期', 'must not be before the start date'));
    return p;
  };

  app.post('/liaison/links/generate', {
    schema: { tags, summary: 'Generate the year\'s link graph from the roster by the rules, keeping links staff adjusted by hand', body: obj({ year: Year }), response: { 200: obj({ created: Type.Integer(), kept: Type.Integer() }), ...errorResponses } },
  }, async (req) => generateLinks(ctxOf(req), req.body.year));

  app.get('/liaison/links', { schema: { tags, summary: 'The year\'s links (members: the links they are on)', querystring: LinkFilters } }, async (req) => {
    const q = req.query;
    return { ...(await listLinks(app.db, actorOf(req), { ...q, year: q.year ?? thisYear() }, pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  exportRoutes(app, '/liaison/links', { tags, summary: 'The year\'s links', querystring: YearQuery }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'liaison.read');
    const year = q.year ?? thisYear();
    const { items } = await listLinks(app.db, actor, { year });
    return { file: `liaison-links-${year}`, name: `${year}年双联名单`, tables: linksTable(year, items) };
  });

  app.get('/liaison/graph', { schema: { tags, summary: 'The year\'s graph: version, and per kind the links and the largest load against the bound', querystring: YearQuery } }, async (req) => {
    office(req);
    return graphSummary(app.db, actorOf(req).orgId, req.query.year ?? thisYear());
  });

  app.post('/liaison/links', { schema: { tags, summary: 'Add a link by hand (staff)', body: LinkBody, response: { ...errorResponses } } }, async (req, reply) => {
    const link = await addLink(ctxOf(req), req.body);
    return reply.status(201).send(await linkView(app.db, link));
  });

  app.get('/liaison/links/:id', { schema: { tags, summary: 'One link', params: IdParams } }, async (req) => linkView(app.db, await loadLink(app.db, actorOf(req), req.params.id)));

  app.patch('/liaison/links/:id', {
    schema: { tags, summary: 'Reassign a link to another liaison (staff): the old link is removed, the new one made by hand', params: IdParams,
      body: Type.Object({ fromMemberId: Type.Optional(Uuid), committeeId: Type.Optional(Uuid), reason: Type.Optional(Name(100)) }, { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => linkView(app.db, await reassignLink(ctxOf(req), req.params.id, req.body)));

  app.delete('/liaison/links/:id', { schema: { tags, summary: 'Remove a link (staff); a regeneration does not bring it back', params: IdParams } }, async (req) =>
    linkView(app.db, await removeLink(ctxOf(req), req.params.id)));

  app.post('/liaison/links/:id/contacts', { schema: { tags, summary: 'Log a contact on a link (its liaison, or staff)', params: IdParams, body: ContactBody, response: { ...errorResponses } } }, async (req, reply) => {
    const contact = await logContact(ctxOf(req), req.params.id, req.body);
    const actor = actorOf(req);
    return reply.status(201).send(await contactView(app.db, contact, await linkView(app.db, await loadLink(app.db, actor, req.params.id))));
  });

  app.get('/liaison/contacts', {
    schema: { tags, summary: 'Contacts on links I may see, newest first', querystring: obj(ContactFilters) },
  }, async (req) => ({ ...(await listContacts(app.db, actorOf(req), req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize }));

  listExportRoutes(app, '/liaison/contacts', {
    tags, summary: 'The same contacts (same filters)', querystring: filtersOf(ContactFilters), file: 'liaison-contacts', name: '双联联系记录', columns: () => contactColumns,
  }, async (req, q) => listContacts(app.db, actorOf(req), q, FIRST_ROWS));

  /** A contact as the caller reads it: and whether they may edit or delete it now (the page draws its buttons from these). */
  const contactFor = async (actor: Actor, contact: Contact, link: Link) => {
    const view = await contactView(app.db, contact, await linkView(app.db, link));
    const mayEdit = !correctionRefused(actor, link, contact, thisYear());
    return { ...view, mayEdit, mayDelete: mayEdit && !view.opinions.some((o) => o.opinionId || o.proposalId) };
  };

  app.get('/liaison/contacts/:id', { schema: { tags, summary: 'One contact with its opinions and the drafts they became; mayEdit, mayDelete: what the caller may do with it now', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const { contact, link } = await loadContact(app.db, actor, req.params.id);
    return contactFor(actor, contact, link);
  });

  app.patch('/liaison/contacts/:id', {
    schema: { tags, summary: 'Correct a contact (its liaison within the contact\'s year, or staff): day, channel, participants, topics, what came of it; the duty record follows',
      params: IdParams, body: Type.Object(ContactFields, { additionalProperties: false, minProperties: 1 }), response: { ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateContact(ctxOf(req), req.params.id, req.body);
    const { contact, link } = await loadContact(app.db, actor, req.params.id);
    return contactFor(actor, contact, link);
  });

  app.delete('/liaison/contacts/:id', {
    schema: { tags, summary: 'Delete a contact logged by mistake (its liaison within the contact\'s year, or staff); refused (409) once an opinion collected there became a draft', params: IdParams,
      response: { 200: obj({ id: Type.String(), linkId: Type.String() }), ...errorResponses } },
  }, async (req) => deleteContact(ctxOf(req), req.params.id));

  app.post('/liaison/opinions/:id/convert', {
    schema: { tags, summary: 'Turn a collected opinion into a 社情民意 or proposal draft of the liaison, keeping its origin', params: IdParams,
      body: obj({ to: lit(['opinion', 'proposal'] as const), title: Name(100) }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const row = await convertOpinion(ctxOf(req), req.params.id, req.body.to, req.body.title);
    return reply.status(201).send({ id: row.id, content: row.content, opinionId: row.opinionId, proposalId: row.proposalId });
  });

  // scope=tree: with the committees below, added up (office and leaders, org/oversight.ts; others get
  // their own): the totals add up, `byOrg` gives each committee's, the rows stay the caller's own (liaison/rollup.ts).
  const BoardQuery = obj({ year: Type.Optional(Year), behind: Type.Optional(Type.Boolean()), scope: Type.Optional(lit(SCOPES)) });
  app.get('/liaison/compliance', {
    schema: { tags, summary: '一见面一报告 now: per liaison, links met face to face this year and the written report (behind=true: those behind only; scope=tree: totals with the committees below, byOrg each one\'s)', querystring: BoardQuery },
  }, async (req) => {
    const actor = actorOf(req);
    const year = req.query.year ?? thisYear();
    // Others than the office see their own row (as a liaison), or none.
    return complianceOver(app.db, actor, year, { ...(can(actor, 'liaison.read') ? {} : { only: actor.memberId }), behind: req.query.behind }, req.query.scope);
  });

  exportRoutes(app, '/liaison/compliance', { tags, summary: 'The compliance board (scope=tree: and a sheet of each committee\'s totals)', querystring: obj({ year: Type.Optional(Year), scope: Type.Optional(lit(SCOPES)) }) }, async (req, q) => {
    office(req);
    const year = q.year ?? thisYear();
    const b = await complianceOver(app.db, actorOf(req), year, {}, q.scope);
    return { file: `liaison-compliance-${year}`, name: `${year}年一见面一报告`, tables: [...complianceTable(b), ...(b.scope === 'tree' ? complianceByOrgTable(b) : [])] };
  });

  app.get('/liaison/counters', { schema: { tags, summary: 'Activity counters by liaison member or sector over a period (default: this year; scope=tree: the total with the committees below, byOrg each one\'s)', querystring: Period } }, async (req) => {
    office(req);
    return countersOver(app.db, actorOf(req), { ...period(req.query), by: req.query.by ?? 'member' }, req.query.scope);
  });

  app.get('/liaison/counters/records', {
    schema: { tags, summary: 'The records behind one counter over the same period and filters: `total` is the counter (massesVisited: the sum of `n`)',
      querystring: obj({ ...Paging, counter: lit(COUNTERS), ...CounterFilters }) },
  }, async (req) => {
    office(req);
    const q = req.query;
    return { ...(await counterRecords(app.db, actorOf(req).orgId, period(q), pageOf(q))), page: q.page, pageSize: q.pageSize };
  });

  exportRoutes(app, '/liaison/counters', { tags, summary: 'The counters (scope=tree: the total with the committees below, and a sheet of each committee\'s)', querystring: Period }, async (req, q) => {
    office(req);
    const c = await countersOver(app.db, actorOf(req), { ...period(q), by: q.by ?? 'member' }, q.scope);
    return { file: 'liaison-counters', name: '双联活动统计', tables: [...countersTable(c), ...(c.scope === 'tree' ? countersByOrgTable(c) : [])] };
  });

  app.get('/liaison/reports', { schema: { tags, summary: 'The year\'s written reports (members: their own)', querystring: YearQuery } }, async (req) => {
    const actor = actorOf(req);
    return listReports(app.db, actor, { year: req.query.year ?? thisYear(), all: can(actor, 'liaison.read') });
  });

  exportRoutes(app, '/liaison/reports', { tags, summary: 'The same reports', querystring: YearQuery }, async (req, q) => {
    const actor = actorOf(req);
    const year = q.year ?? thisYear();
    const rows = await listReports(app.db, actor, { year, all: can(actor, 'liaison.read') });
    return { file: `liaison-reports-${year}`, name: `${year}年双联书面报告`, tables: listSheet(`${year}年双联书面报告`, reportColumns, firstOf(rows)) };
  });

  app.put('/liaison/reports', {
    schema: { tags, summary: 'Write (or rewrite) my annual liaison report; staff for a member, naming memberId', body: obj({ year: Year, body: Text(20000), memberId: Type.Optional(Uuid) }), response: { ...errorResponses } },
  }, async (req) => {
    return presentReport(await saveReport(ctxOf(req), req.body));
  });

  app.post('/liaison/reports/file', {
    schema: { tags, summary: 'Upload my annual liaison report as a document (multipart field "file": .doc, .docx or .pdf, checked by content); staff for a member, naming memberId',
      querystring: obj({ year: Year, memberId: Type.Optional(Uuid) }), consumes: ['multipart/form-data'], response: { ...errorResponses } },
  }, async (req) => {
    const { report } = await uploadReport(ctxOf(req), req.query, await readUpload(req));
    return presentReport(report);
  });

  app.get('/liaison/reports/:id/file', { schema: { tags, summary: 'The uploaded report document (the office, or its member)', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await loadReport(app.db, actor, req.params.id, can(actor, 'liaison.read'));
    if (!r?.attachmentId) throw notFound('Attachment');
    return sendAttachment(req, reply, { orgId: r.orgId, kind: 'liaisonReport', id: r.id }, r.attachmentId);
  });

  app.get('/liaison/meetings', { schema: { tags, summary: 'The 双联见面会 held (of a year)', querystring: obj({ year: Type.Optional(Year) }) } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'liaison.meetings.read');
    const items = await listMeetings(app.db, actor.orgId, req.query);
    return { items, total: items.length };
  });

  listExportRoutes(app, '/liaison/meetings', {
    tags, summary: 'The same meetings', querystring: YearQuery, file: 'liaison-meetings', name: '双联见面会', columns: () => meetingColumns,
  }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'liaison.meetings.read');
    return firstOf(await listMeetings(app.db, actor.orgId, q));
  });

  app.post('/liaison/meetings', { schema: { tags, summary: 'Record the 双联见面会 held during a plenary session (staff): attendees, topics, opinions collected', body: MeetingBody, response: { ...errorResponses } } }, async (req, reply) => {
    const m = await holdMeeting(ctxOf(req), req.body);
    return reply.status(201).send(await meetingView(app.db, m.orgId, m.id));
  });

  app.get('/liaison/meetings/:id', { schema: { tags, summary: 'One 双联见面会 with its attendees and opinions', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'liaison.meetings.read');
    const m = await meetingView(app.db, actor.orgId, req.params.id);
    if (!m) throw notFound('Liaison meeting');
    return m;
  });
}
