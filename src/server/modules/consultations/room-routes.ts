import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf, ctxOf, Day, errorResponses, IdParams, Name, Text, Uuid } from '../../core/http.ts';
import { authorize, definePolicies } from '../../core/policies.ts';
import { loadConsultation } from './access.ts';
import { createRoom, listRooms, loadRoom, presentRoom, roomFigures, setRoomMembers, updateRoom } from './rooms.ts';
import { Year } from './routes.ts';
import { addVisit, listVisits, updateVisit } from './visits.ts';
import { roomColumns, visitColumns } from './export.ts';
import { exportRoutes, firstOf, listExportRoutes, listSheet } from '../../core/list-export.ts';
import { MAX_EXPORT_ROWS } from '../../core/xlsx.ts';
import { SCOPES } from '../org/oversight.ts';
import { addTotals, perCommittee } from '../org/rollup.ts';

definePolicies({ 'consultation.roomFigures': ['admin', 'staff', 'leader'] });

const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T, opts: object = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const MemberIds = Type.Array(Uuid, { maxItems: 500 });
const RoomFields = {
  name: Name(100), place: Type.Optional(Nullable(Name(200))), hostCountyOrgId: Type.Optional(Nullable(Uuid)), hostUnitId: Type.Optional(Nullable(Uuid)),
  note: Type.Optional(Nullable(Text(2000))),
};
const VisitFields = { visitedOn: Day, place: Name(200), memberIds: Type.Optional(MemberIds), participants: Type.Optional(Nullable(Text(1000))), findings: Text(5000) };

/** 协商在一线 council rooms and the inspection visits of democratic supervision. */
export async function roomRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['consultations'];
  const view = async (req: Parameters<typeof actorOf>[0], id: string) => presentRoom(app.db, actorOf(req), await loadRoom(app.db, actorOf(req), id));

  const RoomFilters = obj({ active: Type.Optional(Type.Boolean()), mine: Type.Optional(Type.Boolean()) });
  app.get('/consultations/rooms', {
    schema: { tags, summary: 'Frontline council rooms of my committee (mine: those I sit in)', querystring: RoomFilters },
  }, async (req) => {
    const items = await listRooms(app.db, actorOf(req), req.query);
    return { items, total: items.length };
  });

  listExportRoutes(app, '/consultations/rooms', {
    tags, summary: 'The same rooms (the same filters)', querystring: RoomFilters,
    file: 'frontline-rooms', name: '委员议事室', columns: () => roomColumns,
  }, async (req, q) => {
    const items = await listRooms(app.db, actorOf(req), q);
    return { items: items.slice(0, MAX_EXPORT_ROWS), total: items.length };
  });

  // scope=tree: with the committees below, added up (office and leaders, org/oversight.ts; others get
  // their own): `total` adds up every committee's (members: each committee's own members, added), `byOrg`
  // gives each one's; the hosts (`byHost`) stay the caller's committee's.
  app.get('/consultations/rooms/figures', {
    schema: { tags, summary: 'Rooms, sessions opened and held, members taking part: per county committee and department, and in all (scope=tree: the total with the committees below, byOrg each one\'s)', querystring: obj({ year: Type.Optional(Year), scope: Type.Optional(Type.Union(SCOPES.map((s) => Type.Literal(s)))) }) },
  }, async (req) => {
    const actor = actorOf(req);
    authorize(actor, 'consultation.roomFigures');
    return addTotals(await perCommittee(app.db, actor, req.query.scope, (a) => roomFigures(app.db, a, req.query.year)), 'total');
  });

  app.post('/consultations/rooms', {
    schema: {
      tags, summary: 'Open a council room (staff): hosted by a county committee or a department, with its members',
      body: obj({ ...RoomFields, memberIds: Type.Optional(MemberIds), convenerIds: Type.Optional(MemberIds) }), response: { ...errorResponses },
    },
  }, async (req, reply) => {
    const room = await createRoom(ctxOf(req), req.body);
    return reply.status(201).send(await view(req, room.id));
  });

  app.get('/consultations/rooms/:id', { schema: { tags, summary: 'One room: host, members, sessions and figures', params: IdParams } }, async (req) => view(req, req.params.id));

  app.patch('/consultations/rooms/:id', {
    schema: { tags, summary: 'Edit a room (staff); active: false closes it to new sessions', params: IdParams, body: Type.Partial(obj({ ...RoomFields, name: Name(100), active: Type.Boolean() }), { additionalProperties: false, minProperties: 1 }) },
  }, async (req) => {
    await updateRoom(ctxOf(req), req.params.id, req.body);
    return view(req, req.params.id);
  });

  app.put('/consultations/rooms/:id/members', {
    schema: { tags, summary: 'Set a room\'s members and conveners (staff)', params: IdParams, body: obj({ memberIds: MemberIds, convenerIds: Type.Optional(MemberIds) }) },
  }, async (req) => {
    await setRoomMembers(ctxOf(req), req.params.id, req.body);
    return view(req, req.params.id);
  });

  app.get('/consultations/:id/visits', { schema: { tags, summary: 'The inspection visits of a democratic-supervision item', params: IdParams } }, async (req) =>
    listVisits(app.db, (await loadConsultation(app.db, actorOf(req), req.params.id)).c));

  exportRoutes(app, '/consultations/:id/visits', { tags, summary: 'The same visits', params: IdParams, querystring: Type.Object({}, { additionalProperties: false }) }, async (req) => {
    const { c } = await loadConsultation(app.db, actorOf(req), (req.params as { id: string }).id);
    return { file: 'supervision-visits', name: `${c.title}视察记录`, tables: listSheet('视察记录', visitColumns, firstOf(await listVisits(app.db, c))) };
  });

  app.post('/consultations/:id/visits', {
    schema: { tags, summary: 'Log an inspection visit of a democratic-supervision item (staff)', params: IdParams, body: obj(VisitFields), response: { ...errorResponses } },
  }, async (req, reply) => {
    const v = await addVisit(ctxOf(req), req.params.id, req.body);
    const all = await listVisits(app.db, { orgId: v.orgId, id: v.consultationId });
    return reply.status(201).send(all.find((x) => x.id === v.id));
  });

  app.patch('/consultations/:id/visits/:visitId', {
    schema: {
      tags, summary: 'Correct a visit (staff)', params: obj({ id: Uuid, visitId: Uuid }),
      body: Type.Partial(obj(VisitFields), { additionalProperties: false, minProperties: 1 }),
    },
  }, async (req) => {
    const v = await updateVisit(ctxOf(req), req.params.id, req.params.visitId, req.body);
    return (await listVisits(app.db, { orgId: v.orgId, id: v.consultationId })).find((x) => x.id === v.id);
  });
}
