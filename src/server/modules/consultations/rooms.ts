import { and, asc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { invalid, notFound, say } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { members, sectors, units } from '../org/schema.ts';
import { consultationRoomMembers as roster, consultationRooms as rooms, consultations } from './schema.ts';
import { today } from '../handling/deadlines.ts';
import { HELD } from './workflow.ts';

// 协商在一线·委员议事室: frontline council rooms, hosted by a county committee or a department,
// with members from the roster and sessions of their own (consultations of kind `frontline` that
// carry the room's id and go through the same steps). Staff keep them; the office and leaders see
// every room, a member the rooms they sit in, a unit the rooms it hosts.

export type Room = typeof rooms.$inferSelect;
export interface RoomInput { name: string; place?: string | null; hostCountyOrgId?: string | null; hostUnitId?: string | null; note?: string | null; active?: boolean }

/** Rooms the actor's member sits in. */
function mineOf(actor: Actor): SQL<boolean> {
  if (!actor.memberId) return sql<boolean>`false`;
  return sql<boolean>`exists (select 1 from ${roster} m where m.org_id = ${R.orgId} and m.room_id = ${R.id} and m.member_id = ${actor.memberId})`;
}

/** A room of the caller's committee (every login of the committee reads rooms); another committee's is a 404. */
export async function loadRoom(db: Queryable, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<Room> {
  const q = db.select().from(rooms).where(and(eq(rooms.orgId, actor.orgId), eq(rooms.id, id)));
  const [room] = await (opts.lock ? q.for('update') : q);
  if (!room) throw notFound('Room');
  return room;
}

/** Active roster members of this committee, each once; 422 naming the field otherwise. */
export async function checkMembers(c: CommandScope, ids: readonly string[], path: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), inArray(members.id, unique), eq(members.active, true)));
  if (found.length !== unique.length) throw invalid(path, say('含有不存在或已停用的委员', 'contains an unknown or inactive member'));
  return unique;
}

/** Exactly one host: a county committee under this one, or an active handling unit of it. */
async function checkHost(c: CommandScope, input: Pick<RoomInput, 'hostCountyOrgId' | 'hostUnitId'>) {
  if (!!input.hostCountyOrgId === !!input.hostUnitId) {
    throw invalid('/hostCountyOrgId', say('请选择承建的县（区）政协或部门，二者选一', 'name the host: a county committee or a department, one of them'));
  }
  if (input.hostCountyOrgId) {
    const [o] = await c.tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.id, input.hostCountyOrgId), eq(orgs.parentId, c.actor.orgId), eq(orgs.level, 'county')));
    if (!o) throw invalid('/hostCountyOrgId', say('不是本政协下属的县（区）政协', 'not a county committee under this committee'));
  } else {
    const [u] = await c.tx.select({ id: units.id }).from(units).where(and(eq(units.orgId, c.actor.orgId), eq(units.id, input.hostUnitId!), eq(units.active, true)));
    if (!u) throw invalid('/hostUnitId', say('本政协没有这个在用的承办单位', 'no such active unit in this committee'));
  }
}

function checkConveners(memberIds: string[], convenerIds: string[] = []) {
  if (convenerIds.some((m) => !memberIds.includes(m))) throw invalid('/convenerIds', say('召集人须是议事室成员', 'conveners must be members of the room'));
  return new Set(convenerIds);
}

const nameTaken = () => invalid('/name', say('已有同名的委员议事室', 'a room of that name exists'));

async function checkName(c: CommandScope, name: string, except?: string) {
  const [other] = await c.tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.orgId, c.actor.orgId), eq(rooms.name, name)));
  if (other && other.id !== except) throw nameTaken();
}

const roomEvent = (r: Room) => ({ name: r.name, place: r.place, hostCountyOrgId: r.hostCountyOrgId, hostUnitId: r.hostUnitId, active: r.active });

/** Staff open a room, with its first members (the first of `convenerIds` convene it). */
export function createRoom(ctx: Ctx, input: RoomInput & { memberIds?: string[]; convenerIds?: string[] }) {
  return runCommand(ctx, async (c) => {
    c.authorize('consultation.manage');
    await checkHost(c, input);
    await checkName(c, input.name);
    const ids = await checkMembers(c, input.memberIds ?? [], '/memberIds');
    const conveners = checkConveners(ids, input.convenerIds);
    const [room] = await c.tx.insert(rooms).values({
      orgId: c.actor.orgId, name: input.name, place: input.place ?? null, hostCountyOrgId: input.hostCountyOrgId ?? null, hostUnitId: input.hostUnitId ?? null,
      note: input.note ?? null, createdBy: c.actor.id,
    }).returning();
    if (ids.length) await c.tx.insert(roster).values(ids.map((memberId) => ({ orgId: c.actor.orgId, roomId: room!.id, memberId, convener: conveners.has(memberId) })));
    await c.record({ action: 'created', entity: 'consultationRoom', entityId: room!.id, after: { ...roomEvent(room!), memberIds: ids } },
      { id: room!.id, memberIds: ids, occurredOn: today(room!.createdAt), ...roomEvent(room!) });
    return room!;
  });
}

/** Staff edit a room: its name, place, host, note, or close it (active: false). */
export function updateRoom(ctx: Ctx, id: string, patch: Partial<RoomInput>) {
  return runCommand(ctx, async (c) => {
    const before = await loadRoom(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    if (patch.hostCountyOrgId !== undefined || patch.hostUnitId !== undefined) {
      // A new host replaces the old one: naming one side clears the other.
      const county = patch.hostCountyOrgId !== undefined ? patch.hostCountyOrgId : patch.hostUnitId ? null : before.hostCountyOrgId;
      const unit = patch.hostUnitId !== undefined ? patch.hostUnitId : patch.hostCountyOrgId ? null : before.hostUnitId;
      await checkHost(c, { hostCountyOrgId: county, hostUnitId: unit });
      Object.assign(patch, { hostCountyOrgId: county, hostUnitId: unit });
    }
    if (patch.name !== undefined) await checkName(c, patch.name, id);
    const [after] = await c.tx.update(rooms).set({ ...patch, updatedAt: sql`now()` }).where(and(eq(rooms.orgId, before.orgId), eq(rooms.id, id))).returning();
    await c.record({ action: 'edited', entity: 'consultationRoom', entityId: id, before: roomEvent(before), after: roomEvent(after!) });
    return after!;
  });
}

/** Staff set a room's members (the whole list) and who convenes it. */
export function setRoomMembers(ctx: Ctx, id: string, input: { memberIds: string[]; convenerIds?: string[] }) {
  return runCommand(ctx, async (c) => {
    const room = await loadRoom(c.tx, c.actor, id, { lock: true });
    c.authorize('consultation.manage');
    const ids = await checkMembers(c, input.memberIds, '/memberIds');
    const conveners = checkConveners(ids, input.convenerIds);
    const ofRoom = and(eq(roster.orgId, room.orgId), eq(roster.roomId, id));
    const before = (await c.tx.select({ memberId: roster.memberId }).from(roster).where(ofRoom)).map((r) => r.memberId);
    await c.tx.delete(roster).where(ofRoom);
    if (ids.length) await c.tx.insert(roster).values(ids.map((memberId) => ({ orgId: room.orgId, roomId: id, memberId, convener: conveners.has(memberId) })));
    await c.tx.update(rooms).set({ updatedAt: sql`now()` }).where(and(eq(rooms.orgId, room.orgId), eq(rooms.id, id)));
    const added = ids.filter((m) => !before.includes(m));
    await c.record({ action: 'membersSet', entity: 'consultationRoom', entityId: id, before: { memberIds: before }, after: { memberIds: ids, convenerIds: [...conveners] } },
      { id, memberIds: added, removedMemberIds: before.filter((m) => !ids.includes(m)), occurredOn: today(), roomName: room.name });
  });
}

/** A new frontline session's room: of this committee, open, and only for kind `frontline`. */
export async function checkSessionRoom(c: CommandScope, kind: string, roomId: string | undefined) {
  if (!roomId) return;
  if (kind !== 'frontline') throw invalid('/roomId', say('只有“协商在一线”活动属于委员议事室', 'only a frontline consultation belongs to a council room'));
  const [room] = await c.tx.select({ active: rooms.active }).from(rooms).where(and(eq(rooms.orgId, c.actor.orgId), eq(rooms.id, roomId)));
  if (!room?.active) throw invalid('/roomId', say('本政协没有这个在用的委员议事室', 'no such open council room in this committee'));
}

// The room's own columns, named in full: inside a subquery over a table with a column of the same
// name, drizzle's bare column would be read as the inner table's.
const R = {
  orgId: sql.raw('"consultation_rooms"."org_id"'), id: sql.raw('"consultation_rooms"."id"'),
  county: sql.raw('"consultation_rooms"."host_county_org_id"'), unit: sql.raw('"consultation_rooms"."host_unit_id"'),
};
const heldStates = sql.join(HELD.map((h) => sql`${h}`), sql`, `);
const county = sql<string | null>`(select o.name from ${orgs} o where o.id = ${R.county})`;
const unit = sql<string | null>`(select u.name from ${units} u where u.org_id = ${R.orgId} and u.id = ${R.unit})`;
const memberCount = sql<number>`(select count(*)::int from ${roster} m where m.org_id = ${R.orgId} and m.room_id = ${R.id})`;
const sessionCount = sql<number>`(select count(*)::int from ${consultations} s where s.org_id = ${R.orgId} and s.room_id = ${R.id})`;
const heldCount = sql<number>`(select count(*)::int from ${consultations} s where s.org_id = ${R.orgId} and s.room_id = ${R.id} and s.state in (${heldStates}))`;

function summary(r: Room, x: { county: string | null; unit: string | null; members: number; sessions: number; held: number; mine: boolean }) {
  return {
    id: r.id, name: r.name, place: r.place, note: r.note, active: r.active, mine: x.mine,
    host: r.hostCountyOrgId ? { kind: 'county' as const, id: r.hostCountyOrgId, name: x.county } : { kind: 'unit' as const, id: r.hostUnitId, name: x.unit },
    members: x.members, sessions: x.sessions, held: x.held, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

/** The committee's rooms (or the caller's: `mine`), with host, member and session counts; counties first, then departments, by name. */
export async function listRooms(db: Queryable, actor: Actor, f: { active?: boolean; mine?: boolean } = {}) {
  const rows = await db.select({ r: rooms, county, unit, members: memberCount, sessions: sessionCount, held: heldCount, mine: mineOf(actor) }).from(rooms)
    .where(and(eq(rooms.orgId, actor.orgId), f.mine ? mineOf(actor) : undefined, f.active === undefined ? undefined : eq(rooms.active, f.active)))
    .orderBy(sql`${rooms.hostCountyOrgId} is null`, asc(rooms.name));
  return rows.map(({ r, ...x }) => summary(r, x));
}

/** One room: its members (with sector and whether they convene) and its sessions. */
export async function presentRoom(db: Queryable, actor: Actor, room: Room) {
  const [[x], people, sessions] = await Promise.all([
    db.select({ county, unit, members: memberCount, sessions: sessionCount, held: heldCount, mine: mineOf(actor) }).from(rooms).where(and(eq(rooms.orgId, room.orgId), eq(rooms.id, room.id))),
    db.select({ id: members.id, name: members.name, sector: sectors.name, workplace: members.workplace, convener: roster.convener }).from(roster)
      .innerJoin(members, and(eq(members.orgId, roster.orgId), eq(members.id, roster.memberId)))
      .leftJoin(sectors, and(eq(sectors.orgId, members.orgId), eq(sectors.id, members.sectorId)))
      .where(and(eq(roster.orgId, room.orgId), eq(roster.roomId, room.id))).orderBy(sql`${roster.convener} desc`, asc(members.nameSort)),
    db.select({ id: consultations.id, title: consultations.title, year: consultations.year, state: consultations.state, heldOn: consultations.heldOn }).from(consultations)
      .where(and(eq(consultations.orgId, room.orgId), eq(consultations.roomId, room.id))).orderBy(sql`${consultations.heldOn} desc nulls first`, sql`${consultations.createdAt} desc`),
  ]);
  return { ...summary(room, x!), memberList: people, sessionList: sessions };
}

/**
 * The figures of the rooms: per host (each county committee and department with a room) its rooms,
 * the sessions they opened and held, and the members taking part (each member once per host); and
 * the totals (members once overall).
 */
export async function roomFigures(db: Queryable, actor: Actor, year?: number) {
  const inYear = year ? sql`and s.year = ${year}` : sql``;
  const hostKind = sql<'county' | 'unit'>`case when ${R.county} is not null then 'county' else 'unit' end`;
  const hostId = sql<string>`coalesce(${R.county}, ${R.unit})`;
  const rows = await db.select({
    kind: hostKind, id: hostId, name: sql<string>`coalesce(${county}, ${unit})`,
    rooms: sql<number>`count(*)::int`,
    sessions: sql<number>`sum((select count(*) from ${consultations} s where s.org_id = ${R.orgId} and s.room_id = ${R.id} ${inYear}))::int`,
    held: sql<number>`sum((select count(*) from ${consultations} s where s.org_id = ${R.orgId} and s.room_id = ${R.id} ${inYear} and s.state in (${heldStates})))::int`,
    members: sql<number>`(select count(distinct m.member_id)::int from ${roster} m join ${rooms} r2 on r2.org_id = m.org_id and r2.id = m.room_id
      where m.org_id = ${R.orgId} and coalesce(r2.host_county_org_id, r2.host_unit_id) = coalesce(${R.county}, ${R.unit}))`,
  }).from(rooms).where(and(eq(rooms.orgId, actor.orgId), isNotNull(hostId)))
    .groupBy(rooms.orgId, rooms.hostCountyOrgId, rooms.hostUnitId).orderBy(sql`1`, sql`3`);
  const [all] = await db.select({ members: sql<number>`count(distinct ${roster.memberId})::int` }).from(roster).where(eq(roster.orgId, actor.orgId));
  return {
    byHost: rows,
    total: { rooms: rows.reduce((s, r) => s + r.rooms, 0), sessions: rows.reduce((s, r) => s + r.sessions, 0), held: rows.reduce((s, r) => s + r.held, 0), members: all!.members },
  };
}
