import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TProperties } from 'typebox';
import { actorOf, ctxOf, errorResponses, IdParams, pageOf, Paging, Uuid } from '../../core/http.ts';
import { forbidden, langOf, notFound, say } from '../../core/errors.ts';
import { authorize, can, type Actor } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { truncationNote } from '../../core/xlsx.ts';
import { exportRoutes, FIRST_ROWS } from '../../core/list-export.ts';
import { DOCX_TYPE, letterDocx } from '../handling/letter.ts';
import { today } from '../handling/deadlines.ts';
import { backfill, recompute, saveRules } from './commands.ts';
import { totalsTable } from './export.ts';
import { listTotals, memberRecord } from './queries.ts';
import { dutyReport } from './report.ts';
import { dutyRules, GRADES, KINDS } from './rules.ts';

const lit = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const obj = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const YearQuery = obj({ year: Type.Optional(Year) });
const thisYear = () => Number(today().slice(0, 4));
const Filters = {
  year: Type.Optional(Year), sectorId: Type.Optional(Uuid), committeeId: Type.Optional(Uuid), grade: Type.Optional(lit(GRADES)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), warning: Type.Optional(Type.Boolean()),
  minPoints: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })), maxPoints: Type.Optional(Type.Integer({ minimum: -100000, maximum: 100000 })),
};
const Points = Type.Integer({ minimum: -1000, maximum: 1000 });
const MonthDay = Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
const RulesBody = obj({
  // kind, or kind.variant (e.g. opinionAdopted.national)
  points: Type.Optional(Type.Record(Type.String({ pattern: `^(${KINDS.join('|')})(\\.[A-Za-z0-9_\\u4e00-\\u9fff-]{1,30})?$` }), Points, { additionalProperties: false, maxProperties: 200 })),
  grades: Type.Optional(obj({ excellent: Type.Optional(Points), good: Type.Optional(Points), pass: Type.Optional(Points) })),
  proposalBy: Type.Optional(MonthDay), passCheckFrom: Type.Optional(MonthDay),
});

const binary = { description: 'The document', content: { [DOCX_TYPE]: { schema: Type.String({ format: 'binary' }) } } };

export async function recordRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['records'];

  /** The member whose record the caller asks for: their own, or anyone's for the office and leaders (others: 404). */
  const whose = (actor: Actor, memberId: string) => {
    if (actor.memberId !== memberId && !can(actor, 'records.read')) throw notFound('Member');
    return memberId;
  };
  const mine = (actor: Actor) => {
    if (!actor.memberId) throw forbidden(say('只有委员有履职档案', 'Only members have a duty record'));
    return actor.memberId;
  };
  const report = async (req: FastifyRequest, reply: FastifyReply, memberId: string, year: number) => {
    const actor = actorOf(req);
    const record = await memberRecord(app.db, actor.orgId, memberId, year, 'zh');
    const [org] = await app.db.select({ name: orgs.name, level: orgs.level }).from(orgs).where(eq(orgs.id, actor.orgId));
    const name = `${record.member.name}${year}年度履职报告.docx`;
    return reply.type(DOCX_TYPE)
      .header('content-disposition', `attachment; filename="duty-report-${year}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .header('cache-control', 'private, no-store')
      .send(await letterDocx(dutyReport(record, org!)));
  };

  app.get('/records/me', { schema: { tags, summary: 'My duty record for a year (members)', querystring: YearQuery, response: { ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    return memberRecord(app.db, actor.orgId, mine(actor), req.query.year ?? thisYear(), langOf(req.headers['accept-language']));
  });
  app.get('/records/me/report.docx', { schema: { tags, summary: 'My yearly duty report (述职报告) drafted from my record, Word', querystring: YearQuery, response: { 200: binary, ...errorResponses } } },
    async (req, reply) => report(req, reply, mine(actorOf(req)), req.query.year ?? thisYear()));

  app.get('/records/members/:id', { schema: { tags, summary: 'A member\'s duty record (office, leaders; the member)', params: IdParams, querystring: YearQuery, response: { ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    return memberRecord(app.db, actor.orgId, whose(actor, req.params.id), req.query.year ?? thisYear(), langOf(req.headers['accept-language']));
  });
  app.get('/records/members/:id/report.docx', { schema: { tags, summary: 'A member\'s yearly duty report (述职报告), Word', params: IdParams, querystring: YearQuery, response: { 200: binary, ...errorResponses } } },
    async (req, reply) => report(req, reply, whose(actorOf(req), req.params.id), req.query.year ?? thisYear()));

  app.get('/records', { schema: { tags, summary: 'Members\' totals for a year: grade, rank in the sector (and special committee), warnings', querystring: obj({ ...Paging, ...Filters }) } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'records.read');
    const q = req.query;
    const list = await listTotals(app.db, actor.orgId, { ...q, year: q.year ?? thisYear() }, pageOf(q));
    return { ...list, page: q.page, pageSize: q.pageSize };
  });
  exportRoutes(app, '/records', { tags, summary: 'Members\' totals (the same filters)', querystring: obj(Filters) }, async (req, q) => {
    const actor = actorOf(req);
    authorize(actor, 'records.read');
    const year = q.year ?? thisYear();
    const { items, total } = await listTotals(app.db, actor.orgId, { ...q, year }, FIRST_ROWS);
    return { file: `duty-records-${year}`, name: `${year}年委员履职情况`, tables: totalsTable(year, items, truncationNote(total)) };
  });

  app.get('/records/rules', { schema: { tags, summary: 'The committee\'s point rules: points by kind (or kind.variant), grade lines, warning dates' } },
    async (req) => dutyRules(app.db, actorOf(req).orgId));
  app.put('/records/rules', { schema: { tags, summary: 'Change the point rules (office); every year\'s totals are recomputed', body: RulesBody, response: { ...errorResponses } } },
    async (req) => saveRules(ctxOf(req), req.body));

  app.post('/records/recompute', { schema: { tags, summary: 'Recompute a year\'s totals from the stored entries with the current rules (office)', body: obj({ year: Year }), response: { ...errorResponses } } },
    async (req) => recompute(ctxOf(req), req.body.year));
  app.post('/records/backfill', { schema: { tags, summary: 'Entries for the records the modules held before duty records (office; safe to repeat)', response: { ...errorResponses } } },
    async (req) => backfill(ctxOf(req)));
}
