import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { runCommand } from '../../core/command.ts';
import { inLang, langOf } from '../../core/errors.ts';
import { actorOf, ctxOf, errorResponses, IdParams, ListOf, Name, pageOf, Paging, Uuid } from '../../core/http.ts';
import { authorize, can } from '../../core/policies.ts';
import { FORMATS, sendTables } from '../../core/xlsx.ts';
import { readUpload } from '../handling/attachment-http.ts';
import { ActiveFilter } from './catalog.ts';
import { createMember, insertMember, updateMember } from './members-commands.ts';
import { allMembers, getMember, listMembers } from './members-queries.ts';
import { readRoster, rosterTable, validateRoster } from './roster-xlsx.ts';
import { GENDERS, PARTIES } from './values.ts';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const MemberFields = {
  name: Name(50),
  sectorId: Uuid,
  party: Type.Union(PARTIES.map((p) => Type.Literal(p))),
  standing: Type.Boolean(),
  gender: Type.Optional(Nullable(Type.Union(GENDERS.map((g) => Type.Literal(g))))),
  birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
  ethnicity: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  chairMeeting: Type.Optional(Type.Boolean()),
  partyGroup: Type.Optional(Type.Boolean()),
  countyOrgId: Type.Optional(Nullable(Uuid)),
  committeeIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  liaisonSectorIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
  workplace: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  title: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$' }))),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 100 }))),
};
const MemberCreate = Type.Object(MemberFields, { additionalProperties: false });
const MemberPatch = Type.Partial(Type.Object({ ...MemberFields, active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 });
const MemberView = Type.Object({
  id: Type.String(), name: Type.String(), gender: Nullable(Type.String()), birthYear: Nullable(Type.Integer()), ethnicity: Nullable(Type.String()),
  party: Type.String(), sectorId: Type.String(), sectorName: Type.String(), standing: Type.Boolean(), chairMeeting: Type.Boolean(), partyGroup: Type.Boolean(),
  liaisonSectorIds: Type.Array(Type.String()),
  countyOrgId: Nullable(Type.String()), countyName: Nullable(Type.String()), committeeIds: Type.Array(Type.String()), committeeNames: Type.Array(Type.String()),
  workplace: Nullable(Type.String()), title: Nullable(Type.String()), active: Type.Boolean(), createdAt: Type.String(),
  phone: Type.Optional(Nullable(Type.String())), email: Type.Optional(Nullable(Type.String())),
});
const Filters = Type.Object({
  ...Paging,
  sectorId: Type.Optional(Uuid), party: Type.Optional(Type.Union(PARTIES.map((p) => Type.Literal(p)))),
  committeeId: Type.Optional(Uuid), countyOrgId: Type.Optional(Uuid), standing: Type.Optional(Type.Boolean()), active: ActiveFilter,
}, { additionalProperties: false });
const ImportReport = Type.Object({
  total: Type.Integer(), valid: Type.Integer(), imported: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })),
});

export async function memberRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['members'];

  app.get('/members', { schema: { tags, summary: 'Member directory (no contact details)', querystring: Filters, response: { 200: ListOf(MemberView), ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return { ...(await listMembers(app.db, actor.orgId, req.query, pageOf(req.query))), page: req.query.page, pageSize: req.query.pageSize };
  });

  const ExportQuery = Type.Object({ ...Filters.properties, format: Type.Optional(Type.Union(FORMATS.map((f) => Type.Literal(f)))) }, { additionalProperties: false });
  app.get('/members/export', { schema: { tags, summary: 'Export the roster as .xlsx (format=csv: as CSV, UTF-8 with BOM)', querystring: ExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    authorize(actor, 'member.import');
    const { format = 'xlsx', ...filters } = req.query;
    return sendTables(reply, format, 'members', '委员名册', rosterTable(await allMembers(app.db, actor.orgId, filters)));
  });

  app.get('/members/import/template', { schema: { tags, summary: 'The empty roster template (.xlsx)' } }, async (req, reply) => {
    authorize(actorOf(req), 'member.import');
    return sendTables(reply, 'xlsx', 'template', '委员导入模板', rosterTable([]));
  });

  app.post('/members/import', {
    schema: {
      tags, summary: 'Import a roster (.xlsx, multipart field "file"); commit=false only checks',
      consumes: ['multipart/form-data'],
      querystring: Type.Object({ commit: Type.Boolean({ default: false }) }, { additionalProperties: false }),
      response: { 200: ImportReport, ...errorResponses },
    },
  }, async (req) => {
    const ctx = ctxOf(req);
    authorize(ctx.actor, 'member.import');
    const { parts } = await readUpload(req); // (field "file", at most 10 MB, as an attachment)
    const rows = await validateRoster(app.db, ctx.actor.orgId, await readRoster(parts));
    const valid = rows.filter((r) => r.input);
    let imported = 0;
    if (req.query.commit && valid.length) {
      // All valid rows in one transaction: either every one of them goes in, or none.
      await runCommand(ctx, async (c) => {
        c.authorize('member.import');
        for (const r of valid) { await insertMember(c, r.input!); imported++; }
      });
    }
    const lang = langOf(req.headers['accept-language']); // the row errors are data, not a problem: in the caller's language too
    return {
      total: rows.length, valid: valid.length, imported,
      errors: rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, field: e.path, message: inLang(e.message, lang) }))),
    };
  });

  app.get('/members/:id', { schema: { tags, summary: 'Member profile', params: IdParams, response: { 200: MemberView, ...errorResponses } } }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'org.read');
    return getMember(app.db, actor.orgId, req.params.id, (m) => can(actor, 'member.readPrivate', m));
  });

  const view = (req: { server: FastifyInstance }, orgId: string, id: string) => getMember(req.server.db, orgId, id, () => true);

  app.post('/members', { schema: { tags, summary: 'Add a member', body: MemberCreate, response: { 201: MemberView, ...errorResponses } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const row = await createMember(ctx, req.body);
    return reply.status(201).send(await view(req, ctx.actor.orgId, row.id));
  });

  app.patch('/members/:id', { schema: { tags, summary: 'Edit a member', params: IdParams, body: MemberPatch, response: { 200: MemberView, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    await updateMember(ctx, req.params.id, req.body);
    return view(req, ctx.actor.orgId, req.params.id);
  });

  app.delete('/members/:id', { schema: { tags, summary: 'Deactivate a member', params: IdParams, response: { 200: MemberView, ...errorResponses } } }, async (req) => {
    const ctx = ctxOf(req);
    await updateMember(ctx, req.params.id, { active: false });
    return view(req, ctx.actor.orgId, req.params.id);
  });
}
