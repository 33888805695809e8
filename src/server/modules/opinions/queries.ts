import { and, asc, desc, eq, ilike, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { today } from '../handling/deadlines.ts';
import { members } from '../org/schema.ts';
import { readableBy, type Opinion } from './access.ts';
import { numberLabel } from './labels.ts';
import { opinionAdoptions, opinionInstructions, opinions } from './schema.ts';
import { opinionSettings } from './settings.ts';
import { LEVELS } from './workflow.ts';

/** A report's year: that of its first submission (a draft's: of its creation), in China's time zone. */
export const yearOf = sql<number>`extract(year from (coalesce(${opinions.submittedAt}, ${opinions.createdAt}) at time zone 'UTC') + interval '8 hours')::int`;
export const thisYear = () => Number(today().slice(0, 4));
/** Handed in (submitted at some point) and not withdrawn: what counts toward a quota. */
export const handedIn = and(isNotNull(opinions.submittedAt), ne(opinions.state, 'withdrawn'))!;

// (Conditions go through eq(), which keeps the table names: see `outer` in core/db/client.ts.)
const ofThis = (t: typeof opinionAdoptions | typeof opinionInstructions) => and(eq(t.orgId, opinions.orgId), eq(t.opinionId, opinions.id));
export const hasAdoption = sql`exists (select 1 from ${opinionAdoptions} where ${ofThis(opinionAdoptions)})`;
export const hasInstruction = sql`exists (select 1 from ${opinionInstructions} where ${ofThis(opinionInstructions)})`;
const adoptionCount = sql<number>`(select count(*)::int from ${opinionAdoptions} where ${ofThis(opinionAdoptions)})`;
const instructionCount = sql<number>`(select count(*)::int from ${opinionInstructions} where ${ofThis(opinionInstructions)})`;
/** The highest level it was adopted at (national > province > city > county). */
const topLevel = sql<string | null>`(select ${opinionAdoptions.level} from ${opinionAdoptions} where ${ofThis(opinionAdoptions)}
  order by array_position(array[${sql.raw(LEVELS.map((l) => `'${l}'`).join(','))}]::text[], ${opinionAdoptions.level}) desc limit 1)`;

export interface OpinionFilter { q?: string; state?: string[]; year?: number; mine?: boolean; authorMemberId?: string; /** Adopted (at least once) at this level. */ adoptedLevel?: string }

const iso = (d: Date | null) => d?.toISOString() ?? null;

function summary(o: Opinion) {
  return {
    id: o.id, title: o.title, state: o.state, authorMemberId: o.authorMemberId, authorName: o.authorName, sourceProposalId: o.sourceProposalId, origin: o.origin ?? null,
    enteredByStaff: o.enteredByStaff, number: o.number, numberYear: o.numberYear, numberLabel: numberLabel(o.numberYear, o.number), bodyLength: [...o.body].length,
    signer: o.signer, forwardedTo: o.forwardedTo ?? [], forwardedOn: o.forwardedOn,
    submittedAt: iso(o.submittedAt), approvedAt: iso(o.approvedAt), createdAt: iso(o.createdAt)!, updatedAt: iso(o.updatedAt)!,
  };
}

export async function listOpinions(db: Queryable, actor: Actor, f: OpinionFilter, page: { limit: number; offset: number }) {
  const where = and(
    readableBy(actor, f.mine),
    f.q ? or(ilike(opinions.title, `%${f.q}%`), ilike(opinions.authorName, `%${f.q}%`)) : undefined,
    f.state?.length ? inArray(opinions.state, f.state) : undefined,
    f.year ? eq(yearOf, f.year) : undefined,
    f.authorMemberId ? eq(opinions.authorMemberId, f.authorMemberId) : undefined,
    f.adoptedLevel ? sql`exists (select 1 from ${opinionAdoptions} where ${and(ofThis(opinionAdoptions), eq(opinionAdoptions.level, f.adoptedLevel))})` : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db.select({ o: opinions, year: yearOf, adoptions: adoptionCount, topLevel, instructions: instructionCount }).from(opinions)
      .where(where).orderBy(desc(opinions.updatedAt), desc(opinions.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(opinions).where(where),
  ]);
  return {
    total: count!.n,
    items: rows.map(({ o, year, adoptions, topLevel: top, instructions }) => ({ ...summary(o), year, adoptionCount: adoptions, topLevel: top, instructionCount: instructions })),
  };
}

/** The whole report with its adoptions and 批示. */
export async function presentOpinion(db: Queryable, o: Opinion) {
  const [adoptions, instructions, [y]] = await Promise.all([
    db.select().from(opinionAdoptions).where(and(eq(opinionAdoptions.orgId, o.orgId), eq(opinionAdoptions.opinionId, o.id))).orderBy(asc(opinionAdoptions.adoptedOn), asc(opinionAdoptions.createdAt)),
    db.select().from(opinionInstructions).where(and(eq(opinionInstructions.orgId, o.orgId), eq(opinionInstructions.opinionId, o.id))).orderBy(asc(opinionInstructions.instructedOn), asc(opinionInstructions.createdAt)),
    db.select({ year: yearOf }).from(opinions).where(and(eq(opinions.orgId, o.orgId), eq(opinions.id, o.id))),
  ]);
  return {
    ...summary(o), body: o.body, year: y!.year, decisionReason: o.decisionReason,
    adoptions: adoptions.map((a) => ({ id: a.id, level: a.level, adoptedBy: a.adoptedBy, date: a.adoptedOn, note: a.note, createdAt: a.createdAt.toISOString() })),
    instructions: instructions.map((i) => ({ id: i.id, leaderName: i.leaderName, leaderPosition: i.leaderPosition, level: i.level, date: i.instructedOn, content: i.content, createdAt: i.createdAt.toISOString() })),
  };
}

/** Per member of the committee (all active members, or the one given): handed in, adopted and instructed reports of a year. */
export async function memberCounts(db: Queryable, orgId: string, year: number, memberId?: string) {
  const inYear = (extra: SQL) => sql<number>`(select count(*)::int from ${opinions} where ${and(eq(opinions.orgId, orgId), eq(opinions.authorMemberId, members.id), handedIn, eq(yearOf, year), extra)})`;
  const { quota } = await opinionSettings(db, orgId);
  const rows = await db.select({
    memberId: members.id, name: members.name, standing: members.standing,
    submitted: inYear(sql`true`),
    adopted: inYear(hasAdoption),
    instructed: inYear(hasInstruction),
  }).from(members).where(and(eq(members.orgId, orgId), memberId ? eq(members.id, memberId) : eq(members.active, true)))
    .orderBy(asc(members.name));
  return rows.map((r) => {
    const q = r.standing ? quota.standing : quota.member;
    return { ...r, quota: q, met: r.submitted >= q };
  });
}

/** The caller's progress against their quota this year (null member when the login is not a member's). */
export async function myQuota(db: Queryable, actor: Actor, year: number) {
  const [mine] = actor.memberId ? await memberCounts(db, actor.orgId, year, actor.memberId) : [];
  return { year, member: mine ?? null };
}
