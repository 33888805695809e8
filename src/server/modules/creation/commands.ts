import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { invalid, say } from '../../core/errors.ts';
import { orgs } from '../../core/schema.ts';
import { storeUpload, type Upload } from '../handling/attachments.ts';
import { attachments } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { members } from '../org/schema.ts';
import { lockForWrite, writer } from './access.ts';
import { MEMBER_LEVELS, type ActivityKind, type HonourLevel, type MemberLevel, type ProjectKind, type ProjectState } from './labels.ts';
import { creationActivities, creationExchanges, creationHonours, creationPairings, creationProjects } from './schema.ts';

// The 双创 writes. Each act that counts for a member lands in their duty record through its event
// (payload: id, memberIds, occurredOn — see the records module): creationProject.created,
// creationActivity.logged (五送 activities, and 三个一 pairings with kind "pairing"), creationHonour.added.

export const PROJECT_FILE_KIND = 'creationProject';
const yearOf = (day: string) => Number(day.slice(0, 4));

/** Active members of the caller's committee; a member entering for themself must be among them. */
async function checkMembers(c: CommandScope, ids: string[] | undefined, path: string, office: boolean): Promise<string[]> {
  const list = [...new Set(ids?.length ? ids : c.actor.memberId && !office ? [c.actor.memberId] : [])];
  if (!list.length) throw invalid(path, say('请选择委员', 'name the member(s)'));
  const found = await c.tx.select({ id: members.id }).from(members).where(and(eq(members.orgId, c.actor.orgId), inArray(members.id, list), eq(members.active, true)));
  if (found.length !== list.length) throw invalid(path, say('含有本政协没有的在任委员', 'includes no active member of this committee'));
  if (!office && !list.includes(c.actor.memberId!)) throw invalid(path, say('委员只能登记本人参与的事项', 'a member enters only what they take part in'));
  return list;
}

/** The place: a county committee under the caller's (or the caller's own, if it is a county); by default the member's county. */
async function checkCounty(c: CommandScope, given: string | null | undefined, memberId: string | undefined): Promise<string | null> {
  const [own] = await c.tx.select({ level: orgs.level }).from(orgs).where(eq(orgs.id, c.actor.orgId));
  if (given === undefined) {
    if (own?.level === 'county') return c.actor.orgId;
    if (!memberId) return null;
    const [m] = await c.tx.select({ county: members.countyOrgId }).from(members).where(and(eq(members.orgId, c.actor.orgId), eq(members.id, memberId)));
    return m?.county ?? null;
  }
  if (given === null) return null;
  const [o] = await c.tx.select({ id: orgs.id }).from(orgs)
    .where(and(eq(orgs.id, given), eq(orgs.level, 'county'), or(eq(orgs.parentId, c.actor.orgId), eq(orgs.id, c.actor.orgId))));
  if (!o) throw invalid('/countyOrgId', say('不是本政协或下属的县（区）政协', 'not this committee or a county committee under it'));
  return given;
}

async function orgLevel(c: CommandScope): Promise<MemberLevel> {
  const [o] = await c.tx.select({ level: orgs.level }).from(orgs).where(eq(orgs.id, c.actor.orgId));
  return (MEMBER_LEVELS as readonly string[]).includes(o?.level ?? '') ? o!.level as MemberLevel : 'city';
}

const notAhead = (day: string | undefined, path: string) => {
  if (day && day > today()) throw invalid(path, say('不能晚于今天', 'must not be in the future'));
};

// ── projects ──

export interface ProjectInput {
  kind: ProjectKind; name: string; memberIds?: string[]; countyOrgId?: string | null; level?: MemberLevel;
  investment?: number; jobs?: number; poorHouseholds?: number; state?: ProjectState; startedOn: string; description?: string;
}

export function createProject(ctx: Ctx, input: ProjectInput) {
  return runCommand(ctx, async (c) => {
    const w = writer(c.actor);
    const memberIds = await checkMembers(c, input.memberIds, '/memberIds', w.office);
    const countyOrgId = await checkCounty(c, input.countyOrgId, memberIds[0]);
    const [project] = await c.tx.insert(creationProjects).values({
      orgId: c.actor.orgId, kind: input.kind, name: input.name, memberIds, countyOrgId, level: input.level ?? await orgLevel(c),
      investment: input.investment ?? 0, jobs: input.jobs ?? 0, poorHouseholds: input.poorHouseholds ?? 0, state: input.state ?? 'running',
      startedOn: input.startedOn, year: yearOf(input.startedOn), description: input.description ?? '', createdBy: c.actor.id,
    }).returning();
    await c.record({ action: 'created', entity: 'creationProject', entityId: project!.id, after: project },
      { id: project!.id, memberIds, occurredOn: input.startedOn, kind: input.kind, name: input.name, investment: project!.investment, actorUserId: c.actor.id });
    return project!;
  });
}

const lockProject = (c: CommandScope, id: string) => lockForWrite(c, 'Project',
  async () => (await c.tx.select().from(creationProjects).where(and(eq(creationProjects.orgId, c.actor.orgId), eq(creationProjects.id, id))).for('update'))[0],
  (p, m) => p.memberIds.includes(m));

export function updateProject(ctx: Ctx, id: string, patch: Partial<ProjectInput>) {
  return runCommand(ctx, async (c) => {
    const before = await lockProject(c, id);
    const office = writer(c.actor).office;
    const memberIds = patch.memberIds ? await checkMembers(c, patch.memberIds, '/memberIds', office) : before.memberIds;
    const countyOrgId = patch.countyOrgId === undefined ? before.countyOrgId : await checkCounty(c, patch.countyOrgId, memberIds[0]);
    const startedOn = patch.startedOn ?? before.startedOn;
    const { memberIds: _m, countyOrgId: _c, ...rest } = patch;
    const [after] = await c.tx.update(creationProjects).set({ ...rest, memberIds, countyOrgId, startedOn, year: yearOf(startedOn), updatedAt: sql`now()` })
      .where(and(eq(creationProjects.orgId, before.orgId), eq(creationProjects.id, id))).returning();
    await c.record({ action: 'updated', entity: 'creationProject', entityId: id, before, after });
    return after!;
  });
}

/** A photo or document of a project (the type from its content), attached at once. */
export function uploadProjectFile(ctx: Ctx, id: string, file: Upload) {
  return runCommand(ctx, async (c) => {
    await lockProject(c, id);
    const item = { kind: PROJECT_FILE_KIND, id };
    const row = await storeUpload(c, item, file);
    await c.tx.update(attachments).set({ ownerKind: 'project', ownerId: id }).where(and(eq(attachments.orgId, c.actor.orgId), eq(attachments.id, row.id)));
    await c.record({ action: 'uploaded', entity: 'attachment', entityId: row.id, after: { projectId: id, filename: row.filename, size: row.size } });
    return row;
  });
}

// ── 三个一 pairings ──

export interface PairingInput { memberId?: string; householdName: string; householdPlace?: string; practicalThing?: string; suggestion?: string; pairedOn: string; countyOrgId?: string | null }

export function createPairing(ctx: Ctx, input: PairingInput) {
  return runCommand(ctx, async (c) => {
    const w = writer(c.actor);
    notAhead(input.pairedOn, '/pairedOn');
    const [memberId] = await checkMembers(c, input.memberId ? [input.memberId] : undefined, '/memberId', w.office);
    const countyOrgId = await checkCounty(c, input.countyOrgId, memberId);
    const [row] = await c.tx.insert(creationPairings).values({
      orgId: c.actor.orgId, memberId: memberId!, householdName: input.householdName, householdPlace: input.householdPlace ?? '', practicalThing: input.practicalThing ?? '',
      suggestion: input.suggestion ?? '', pairedOn: input.pairedOn, year: yearOf(input.pairedOn), countyOrgId, createdBy: c.actor.id,
    }).returning();
    await c.record({ action: 'logged', entity: 'creationActivity', entityId: row!.id, after: { ...row, householdName: undefined } },
      { id: row!.id, memberIds: [memberId], occurredOn: input.pairedOn, kind: 'pairing', actorUserId: c.actor.id });
    return row!;
  });
}

export function updatePairing(ctx: Ctx, id: string, patch: Partial<PairingInput>) {
  return runCommand(ctx, async (c) => {
    const before = await lockForWrite(c, 'Pairing',
      async () => (await c.tx.select().from(creationPairings).where(and(eq(creationPairings.orgId, c.actor.orgId), eq(creationPairings.id, id))).for('update'))[0],
      (p, m) => p.memberId === m);
    notAhead(patch.pairedOn, '/pairedOn');
    const memberId = patch.memberId ? (await checkMembers(c, [patch.memberId], '/memberId', writer(c.actor).office))[0]! : before.memberId;
    const countyOrgId = patch.countyOrgId === undefined ? before.countyOrgId : await checkCounty(c, patch.countyOrgId, memberId);
    const pairedOn = patch.pairedOn ?? before.pairedOn;
    const [after] = await c.tx.update(creationPairings).set({ ...patch, memberId, countyOrgId, pairedOn, year: yearOf(pairedOn) })
      .where(and(eq(creationPairings.orgId, before.orgId), eq(creationPairings.id, id))).returning();
    await c.record({ action: 'updated', entity: 'creationPairing', entityId: id, before, after });
    return after!;
  });
}

// ── 五送 activities ──

export interface ActivityInput { kind: ActivityKind; date: string; place: string; countyOrgId?: string | null; beneficiaries?: number; memberIds?: string[]; summary?: string }

export function logActivity(ctx: Ctx, input: ActivityInput) {
  return runCommand(ctx, async (c) => {
    const w = writer(c.actor);
    notAhead(input.date, '/date');
    const memberIds = await checkMembers(c, input.memberIds, '/memberIds', w.office);
    const countyOrgId = await checkCounty(c, input.countyOrgId, memberIds[0]);
    const [row] = await c.tx.insert(creationActivities).values({
      orgId: c.actor.orgId, kind: input.kind, date: input.date, year: yearOf(input.date), place: input.place, countyOrgId,
      beneficiaries: input.beneficiaries ?? 0, memberIds, summary: input.summary ?? '', createdBy: c.actor.id,
    }).returning();
    await c.record({ action: 'logged', entity: 'creationActivity', entityId: row!.id, after: row },
      { id: row!.id, memberIds, occurredOn: input.date, kind: input.kind, beneficiaries: row!.beneficiaries, actorUserId: c.actor.id });
    return row!;
  });
}

export function updateActivity(ctx: Ctx, id: string, patch: Partial<ActivityInput>) {
  return runCommand(ctx, async (c) => {
    const before = await lockForWrite(c, 'Activity',
      async () => (await c.tx.select().from(creationActivities).where(and(eq(creationActivities.orgId, c.actor.orgId), eq(creationActivities.id, id))).for('update'))[0],
      (a, m) => a.memberIds.includes(m));
    notAhead(patch.date, '/date');
    const memberIds = patch.memberIds ? await checkMembers(c, patch.memberIds, '/memberIds', writer(c.actor).office) : before.memberIds;
    const countyOrgId = patch.countyOrgId === undefined ? before.countyOrgId : await checkCounty(c, patch.countyOrgId, memberIds[0]);
    const date = patch.date ?? before.date;
    const [after] = await c.tx.update(creationActivities).set({ ...patch, memberIds, countyOrgId, date, year: yearOf(date) })
      .where(and(eq(creationActivities.orgId, before.orgId), eq(creationActivities.id, id))).returning();
    await c.record({ action: 'updated', entity: 'creationActivity', entityId: id, before, after });
    return after!;
  });
}

// ── honours and exchange meetings (the office) ──

export interface HonourInput { memberId: string; level: HonourLevel; awardedBy: string; title: string; date: string }

export function addHonour(ctx: Ctx, input: HonourInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('creation.manage');
    notAhead(input.date, '/date');
    const [memberId] = await checkMembers(c, [input.memberId], '/memberId', true);
    const countyOrgId = await checkCounty(c, undefined, memberId);
    const [row] = await c.tx.insert(creationHonours).values({ orgId: c.actor.orgId, ...input, year: yearOf(input.date), countyOrgId, createdBy: c.actor.id }).returning();
    await c.record({ action: 'added', entity: 'creationHonour', entityId: row!.id, after: row },
      { id: row!.id, memberIds: [memberId], occurredOn: input.date, level: input.level, title: input.title, awardedBy: input.awardedBy, actorUserId: c.actor.id });
    return row!;
  });
}

export function updateHonour(ctx: Ctx, id: string, patch: Partial<HonourInput>) {
  return runCommand(ctx, async (c) => {
    c.authorize('creation.manage');
    const before = await lockForWrite(c, 'Honour',
      async () => (await c.tx.select().from(creationHonours).where(and(eq(creationHonours.orgId, c.actor.orgId), eq(creationHonours.id, id))).for('update'))[0], () => false);
    notAhead(patch.date, '/date');
    const memberId = patch.memberId ? (await checkMembers(c, [patch.memberId], '/memberId', true))[0]! : before.memberId;
    const countyOrgId = patch.memberId ? await checkCounty(c, undefined, memberId) : before.countyOrgId;
    const date = patch.date ?? before.date;
    const [after] = await c.tx.update(creationHonours).set({ ...patch, memberId, countyOrgId, date, year: yearOf(date) })
      .where(and(eq(creationHonours.orgId, before.orgId), eq(creationHonours.id, id))).returning();
    await c.record({ action: 'updated', entity: 'creationHonour', entityId: id, before, after });
    return after!;
  });
}

export interface ExchangeInput { date: string; place: string; topic: string; attendees?: number; countyOrgId?: string | null }

export function addExchange(ctx: Ctx, input: ExchangeInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('creation.manage');
    const countyOrgId = await checkCounty(c, input.countyOrgId ?? null, undefined);
    const [row] = await c.tx.insert(creationExchanges).values({ orgId: c.actor.orgId, date: input.date, year: yearOf(input.date), place: input.place, topic: input.topic,
      attendees: input.attendees ?? 0, countyOrgId, createdBy: c.actor.id }).returning();
    await c.record({ action: 'held', entity: 'creationExchange', entityId: row!.id, after: row });
    return row!;
  });
}

export function updateExchange(ctx: Ctx, id: string, patch: Partial<ExchangeInput>) {
  return runCommand(ctx, async (c) => {
    c.authorize('creation.manage');
    const before = await lockForWrite(c, 'Exchange meeting',
      async () => (await c.tx.select().from(creationExchanges).where(and(eq(creationExchanges.orgId, c.actor.orgId), eq(creationExchanges.id, id))).for('update'))[0], () => false);
    const countyOrgId = patch.countyOrgId === undefined ? before.countyOrgId : await checkCounty(c, patch.countyOrgId, undefined);
    const date = patch.date ?? before.date;
    const [after] = await c.tx.update(creationExchanges).set({ ...patch, countyOrgId, date, year: yearOf(date) })
      .where(and(eq(creationExchanges.orgId, before.orgId), eq(creationExchanges.id, id))).returning();
    await c.record({ action: 'updated', entity: 'creationExchange', entityId: id, before, after });
    return after!;
  });
}
