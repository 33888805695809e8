import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, ctxOf, errorResponses, Name } from '../../core/http.ts';
import { authorize } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { DOCX_TYPE } from '../handling/letter.ts';
import { sendXlsx } from '../../core/xlsx.ts';
import { CHART_KEYS, dashboard, dashboardWorkbook } from './dashboard.ts';
import { sishuangDocx } from './docx.ts';
import { reportProfile, saveReportProfile } from './profile.ts';
import { committeeName, sishuangReport } from './report.ts';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const YearQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });
const Profile = Type.Object({
  cityName: Name(50), partyCommittee: Name(100), chair: Type.String({ maxLength: 50 }),
  counties: Type.Array(Name(50), { maxItems: 100 }),
}, { additionalProperties: false });
const binary = { description: 'The document', content: { [DOCX_TYPE]: { schema: Type.String({ format: 'binary' }) } } };
const thisYear = () => Number(today().slice(0, 4));
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
    schema: { tags, summary: 'The year\'s 四双 report drafted from the data: sections, and figures each with the list whose total (or summed field) equals it (staff, leaders)', querystring: YearQuery, response: { ...errorResponses } },
  }, async (req) => sishuangReport(app.db, actorOf(req), req.query.year ?? thisYear()));

  app.get('/reports/sishuang.docx', { schema: { tags, summary: 'The same report as a Word document', querystring: YearQuery, response: { 200: binary, ...errorResponses } } }, async (req, reply) => {
    const actor = actorOf(req);
    const year = req.query.year ?? thisYear();
    const report = await sishuangReport(app.db, actor, year);
    const buf = await sishuangDocx({ ...report, committee: await committeeName(app.db, actor.orgId) });
    return reply.type(DOCX_TYPE)
      .header('content-disposition', `attachment; filename="sishuang-${year}.docx"; filename*=UTF-8''${encodeURIComponent(`${report.title}.docx`)}`)
      .header('cache-control', 'private, no-store')
      .send(buf);
  });

  app.get('/dashboard', {
    schema: {
      tags, summary: 'The leaders\' and office\'s charts of a year (default: all; chart= to pick): per chart its series and rows, each counted cell with the list whose total (or summed field) equals it (staff, leaders)',
      querystring: Type.Object({ year: Type.Optional(Year), chart: Type.Optional(Type.Array(ChartKey, { minItems: 1, maxItems: CHART_KEYS.length })) }, { additionalProperties: false }),
      response: { ...errorResponses },
    },
  }, async (req) => dashboard(app.db, actorOf(req), req.query.year ?? thisYear(), req.query.chart));

  app.get('/dashboard.xlsx', {
    schema: { tags, summary: 'One chart\'s table as an Excel file', querystring: Type.Object({ year: Type.Optional(Year), chart: ChartKey }, { additionalProperties: false }), response: { ...errorResponses } },
  }, async (req, reply) => {
    const year = req.query.year ?? thisYear();
    const { charts: [chart] } = await dashboard(app.db, actorOf(req), year, [req.query.chart]);
    return sendXlsx(reply, `dashboard-${chart!.key}-${year}.xlsx`, `${year}年${chart!.title}.xlsx`, await dashboardWorkbook(chart!));
  });
}
