import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, ctxOf, errorResponses, Name, Text } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { DOCX_TYPE } from '../handling/letter.ts';
import { sendTables } from '../../core/xlsx.ts';
import { CHART_KEYS, dashboard, dashboardTable } from './dashboard.ts';
import { sishuangDocx } from './docx.ts';
import { reportProfile, saveReportProfile } from './profile.ts';
import { committeeName, sishuangDraft, sishuangReport } from './report.ts';
import { listVersions, restoreVersion, saveVersion } from './versions.ts';
import { SCOPES } from '../org/oversight.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const YearQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
const VersionNumber = Type.Integer({ minimum: 1, maximum: 100000 });
/** scope=tree: rolled up over the active committees below (office and leaders, org/oversight.ts; others get their own). */
const ScopeParam = Type.Optional(Type.Union(SCOPES.map((s) => Type.Literal(s))));
const ReportQuery = Type.Object({ year: Type.Optional(Year), version: Type.Optional(VersionNumber), scope: ScopeParam }, { additionalProperties: false });
const Note = Text(200);
const Edits = Type.Object({
  year: Year,
  /** The version the editor started from (the report's latestVersion). */
  basedOn: VersionNumber,
  note: Type.Optional(Note),
  paragraphs: Type.Array(Type.Object({ id: Type.String({ maxLength: 40, pattern: '^[a-z]+\\.[0-9]{1,3}$' }), template: Text(5000) }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
}, { additionalProperties: false });
const Restore = Type.Object({ year: Year, note: Type.Optional(Note) }, { additionalProperties: false });
const VersionParams = Type.Object({ number: VersionNumber }, { additionalProperties: false });
const Profile = Type.Object({
  cityName: Name(50), partyCommittee: Name(100), chair: Type.String({ maxLength: 50 }),
  counties: Type.Array(Name(50), { maxItems: 100 }),
}, { additionalProperties: false });
const binary = { description: 'The document', content: { [DOCX_TYPE]: { schema: Type.String({ format: 'binary' }) } } };
const thisYear = () => Number(today().slice(0, 4));
/** by=org: a rolled-up chart's rows split per committee. */
const ByOrg = Type.Optional(Type.Literal('org'));
const ChartKey = Type.Union(CHART_KEYS.map((k) => Type.Literal(k)));

export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];

  app.get('/reports/profile', { schema: { tags, summary: 'The committee as its reports name it: city, party committee, chair, counties (defaults from the org tree)', response: { ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'report.profile.read');
    return reportProfile(app.db, actor.orgId);
  });

  app.put('/reports/profile', { schema: { tags, summary: 'Set the committee\'s profile (staff, admins)', body: Profile, response: { ...errorResponses } } },
    async (req) => saveReportProfile(ctxOf(req), req.body));

  app.get('/reports/sishuang', {
    schema: {
      tags, querystring: ReportQuery, response: { ...errorResponses },
      summary: 'The year\'s 四双 report drafted from the data: sections, and figures each with the list whose total (or summed field) equals it (staff, leaders); the latest saved version of its prose, or `version`',
    },
  }, async (req) => sishuangReport(app.db, actorOf(req), req.query.year ?? thisYear(), req.query.version, req.query.scope));

  app.get('/reports/sishuang.docx', { schema: { tags, summary: 'The same report as a Word document', querystring: ReportQuery, response: { 200: binary, ...errorResponses } } }, async (req, reply) => {
    const actor = actorOf(req);
    const year = req.query.year ?? thisYear();
    const report = await sishuangReport(app.db, actor, year, req.query.version, req.query.scope);
    const buf = await sishuangDocx({ ...report, committee: await committeeName(app.db, actor.orgId) });
    return reply.type(DOCX_TYPE)
      .header('content-disposition', `attachment; filename="sishuang-${year}.docx"; filename*=UTF-8''${encodeURIComponent(`${report.title}.docx`)}`)
      .header('cache-control', 'private, no-store')
      .send(buf);
  });

  app.get('/reports/sishuang/versions', { schema: { tags, summary: 'The versions of the report\'s prose, newest first: who saved each, when, its note (staff, leaders, admins)', querystring: YearQuery, response: { ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'report.versions');
    return listVersions(app.db, actor, req.query.year ?? thisYear());
  });

  /** The draft the office edits: figured as the office sees them, whoever of the office saves. */
  const officeDraft = (req: Parameters<typeof actorOf>[0], year: number) => {
    const actor = actorOf(req);
    authorize(actor, 'report.edit');
    return sishuangDraft(app.db, { ...actor, roles: ['staff'] }, year);
  };

  app.post('/reports/sishuang/versions', {
    schema: { tags, summary: 'Save rewritten paragraphs (templates; a figure is a {{figure-key}} token) as a new version (staff, admins); 409 when a newer version than basedOn exists', body: Edits, response: { ...errorResponses, 409: Type.Ref('Problem') } },
  }, async (req, reply) => {
    const draft = await officeDraft(req, req.body.year);
    return reply.status(201).send(await saveVersion(ctxOf(req), draft, { basedOn: req.body.basedOn, note: req.body.note ?? '', paragraphs: req.body.paragraphs }));
  });

  app.post('/reports/sishuang/versions/:number/restore', {
    schema: { tags, summary: 'Make an earlier version the latest again, as a new version (staff, admins)', params: VersionParams, body: Restore, response: { ...errorResponses } },
  }, async (req, reply) => {
    const draft = await officeDraft(req, req.body.year);
    return reply.status(201).send(await restoreVersion(ctxOf(req), draft, req.params.number, req.body.note ?? ''));
  });

  app.get('/dashboard', {
    schema: {
      tags, summary: 'The leaders\' and office\'s charts of a year (default: all; chart= to pick): per chart its series and rows, each counted cell with the list whose total (or summed field) equals it (staff, leaders)',
      querystring: Type.Object({ year: Type.Optional(Year), chart: Type.Optional(Type.Array(ChartKey, { minItems: 1, maxItems: CHART_KEYS.length })), scope: ScopeParam, by: ByOrg }, { additionalProperties: false }),
      response: { ...errorResponses },
    },
  }, async (req) => dashboard(app.db, actorOf(req), req.query.year ?? thisYear(), req.query.chart, req.query.scope, req.query.by));

  app.get('/dashboard.xlsx', {
    schema: { tags, summary: 'One chart\'s table as an Excel file (scope=tree, by=org as on /dashboard)', querystring: Type.Object({ year: Type.Optional(Year), chart: ChartKey, scope: ScopeParam, by: ByOrg }, { additionalProperties: false }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const year = req.query.year ?? thisYear();
    const { charts: [chart] } = await dashboard(app.db, actorOf(req), year, [req.query.chart], req.query.scope, req.query.by);
    return sendTables(reply, 'xlsx', `dashboard-${chart!.key}-${year}`, `${year}年${chart!.title}`, dashboardTable(chart!));
  });
}
