import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { handedIn, hasAdoption, hasInstruction, memberCounts, yearOf } from './queries.ts';
import { opinionAdoptions, opinionInstructions, opinions } from './schema.ts';
import { LEVELS, STATES, type Level } from './workflow.ts';

// The figures a work report quotes (全年报送社情民意信息 N 篇，编发 M 期，被采用 K 篇，获领导批示 J 次),
// for the reports of one year (the year of their first submission; drafts by creation):
// received = handed in and not withdrawn; issued = numbered at approval; adopted = with at least
// one adoption (and adoption records by level); instructions = 批示 records (and by level);
// per member: handed in, adopted and instructed reports against the quota.

const zeroLevels = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;

export async function opinionStats(db: Queryable, orgId: string, year: number) {
  const ofYear = and(eq(opinions.orgId, orgId), eq(yearOf, year));
  // (The two tables share these columns; Drizzle types one table at a time.)
  const byLevelOf = (t: typeof opinionAdoptions | typeof opinionInstructions) =>
    db.select({ level: t.level, n: sql<number>`count(*)::int` }).from(t as typeof opinionAdoptions)
      .innerJoin(opinions, and(eq(opinions.orgId, t.orgId), eq(opinions.id, t.opinionId)))
      .where(and(ofYear, sql`${opinions.state} <> 'withdrawn'`)).groupBy(t.level);
  const [states, [totals], adoptions, instructions, perMember] = await Promise.all([
    db.select({ state: opinions.state, n: sql<number>`count(*)::int` }).from(opinions).where(ofYear).groupBy(opinions.state),
    db.select({
      received: sql<number>`count(*) filter (where ${handedIn})::int`,
      issued: sql<number>`count(*) filter (where ${opinions.number} is not null)::int`,
      adopted: sql<number>`count(*) filter (where ${hasAdoption})::int`,
      instructed: sql<number>`count(*) filter (where ${hasInstruction})::int`,
    }).from(opinions).where(ofYear),
    byLevelOf(opinionAdoptions),
    byLevelOf(opinionInstructions),
    memberCounts(db, orgId, year),
  ]);
  const byLevel = (rows: { level: string; n: number }[]) => ({ ...zeroLevels(), ...Object.fromEntries(rows.map((r) => [r.level, r.n])) });
  return {
    year,
    byState: { ...Object.fromEntries(STATES.map((s) => [s, 0])), ...Object.fromEntries(states.map((r) => [r.state, r.n])) } as Record<string, number>,
    received: totals!.received, issued: totals!.issued, adoptedReports: totals!.adopted, instructedReports: totals!.instructed,
    adoptionsByLevel: byLevel(adoptions), adoptions: adoptions.reduce((s, r) => s + r.n, 0),
    instructionsByLevel: byLevel(instructions), instructions: instructions.reduce((s, r) => s + r.n, 0),
    members: {
      total: perMember.length, withReports: perMember.filter((m) => m.submitted > 0).length, quotaMet: perMember.filter((m) => m.met).length,
      items: perMember.sort((a, b) => b.submitted - a.submitted || b.adopted - a.adopted || a.name.localeCompare(b.name, 'zh')),
    },
  };
}
