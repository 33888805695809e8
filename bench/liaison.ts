// 双联 (issue 12): generating a year's link graph from the roster by the rules
// (src/server/modules/liaison/generate.ts, rules.ts), embedded (PGlite), for a national-size roster
// (2,200 members in 34 sectors) and a city one (400 in 30), with the shares seen in practice: about
// 40 % 中共 (the 中国共产党 sector all of them, the eight parties' and 无党派 sectors none), a
// standing committee of about 14 %, a chair meeting of a few dozen, a party group of about a dozen
// each looking after three sectors, a special-committee seat for about 60 %.
//
// Measured, medians of BENCH_LIAISON_RUNS (3): the rules alone (planLinks, in memory, on the loaded
// roster); the first generation of a year (the command: roster read, plan, every link written,
// audit and event); a second generation of the same year (nothing moves: the diff only). Baseline,
// in the same run on the same database: the same links written bare (multi-row inserts of 1,000,
// one transaction), the least a first generation must do. Also the load bound (rules.ts): in each
// balanced kind, no liaison above ⌈targets ÷ liaisons⌉.
// Run alone: `npx tsx bench/liaison.ts`.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../src/server/core/command.ts';
import type { Database } from '../src/server/core/db/client.ts';
import { Outbox } from '../src/server/core/outbox.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { orgs, users } from '../src/server/core/schema.ts';
import { committees, memberCommittees, members, sectors } from '../src/server/modules/org/schema.ts';
import '../src/server/modules/liaison/access.ts';
import { generateLinks, loadRoster } from '../src/server/modules/liaison/generate.ts';
import { loadBound, planLinks, PARTY, type Kind, type PlannedLink, type Roster } from '../src/server/modules/liaison/rules.ts';
import { liaisonLinks } from '../src/server/modules/liaison/schema.ts';
import { createRandom } from '../src/server/seed/random.ts';
import { embeddedDatabase } from './pg.ts';

export interface RosterShape { label: string; members: number; sectors: number; standing: number; chairMeeting: number; partyGroup: number; committees: number }

export const NATIONAL: RosterShape = { label: 'national', members: 2200, sectors: 34, standing: 300, chairMeeting: 25, partyGroup: 12, committees: 10 };
export const CITY: RosterShape = { label: 'city', members: 400, sectors: 30, standing: 55, chairMeeting: 12, partyGroup: 6, committees: 8 };

export interface BoundCheck { kind: Kind; liaisons: number; targets: number; links: number; bound: number; most: number; ok: boolean }
export interface LiaisonFigure {
  label: string; members: number; sectors: number; links: number;
  planMs: number; generateMs: number; regenerateMs: number; baselineMs: number; ratio: number;
  runs: { planMs: number[]; generateMs: number[]; regenerateMs: number[]; baselineMs: number[] };
  bounds: BoundCheck[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** A committee of the shape, deterministic (its own PRNG); returns the committee and a staff actor. */
export async function seedRoster(database: Database, shape: RosterShape): Promise<{ orgId: string; actor: Actor }> {
  const db = database.db;
  const r = createRandom(12);
  const [org] = await db.insert(orgs).values({ name: `${shape.label}政协`, level: shape.label === 'national' ? 'national' : 'city' }).returning();
  const orgId = org!.id;
  const [staff] = await db.insert(users).values({ orgId, username: `bench-${shape.label}`, displayName: '工作人员', passwordHash: 'x', roles: ['staff'] }).returning();
  const sectorIds = Array.from({ length: shape.sectors }, () => randomUUID());
  // 0: 中国共产党; 1–8: the eight parties; 9: 无党派人士; the rest mixed.
  await db.insert(sectors).values(sectorIds.map((id, i) => ({ orgId, id, name: i === 0 ? '中国共产党' : `界别${i}`, sort: i })));
  const committeeIds = Array.from({ length: shape.committees }, () => randomUUID());
  await db.insert(committees).values(committeeIds.map((id, i) => ({ orgId, id, name: `专委会${i + 1}` })));
  const n = shape.members;
  const sectorOf = Array.from({ length: n }, (_, i) => sectorIds[i % shape.sectors]!);
  const fixedCpc = sectorOf.filter((s) => s === sectorIds[0]).length;
  const mixed = sectorOf.filter((s) => sectorIds.indexOf(s) >= 10).length;
  const pCpc = Math.max(0, Math.min(1, (0.4 * n - fixedCpc) / mixed));
  const rows = sectorOf.map((sectorId, i) => {
    const k = sectorIds.indexOf(sectorId);
    const party = k === 0 ? PARTY : k <= 8 ? `党派${k}` : k === 9 ? '无党派' : r.chance(pCpc) ? PARTY : '无党派';
    return { orgId, id: randomUUID(), name: `委员${i}`, nameSort: `weiyuan${String(i).padStart(5, '0')}`, party, sectorId, standing: false, chairMeeting: false, partyGroup: false, liaisonSectorIds: [] as string[] };
  });
  // The chair meeting sits in the standing committee; the party group is of 中共 members of it.
  const standing = r.sample(rows, shape.standing);
  for (const m of standing) m.standing = true;
  for (const m of r.sample(standing, shape.chairMeeting)) m.chairMeeting = true;
  const cpcStanding = standing.filter((m) => m.party === PARTY);
  r.sample(cpcStanding, Math.min(shape.partyGroup, cpcStanding.length)).forEach((m, g) => {
    m.partyGroup = true;
    m.liaisonSectorIds = sectorIds.filter((_, s) => s % shape.partyGroup === g);
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(members).values(rows.slice(i, i + 500));
  const seats = rows.filter(() => r.chance(0.6)).map((m) => ({ orgId, memberId: m.id, committeeId: r.pick(committeeIds) }));
  for (let i = 0; i < seats.length; i += 1000) await db.insert(memberCommittees).values(seats.slice(i, i + 1000));
  await db.execute(sql`analyze`);
  return { orgId, actor: { id: staff!.id, orgId, username: staff!.username, displayName: staff!.displayName, roles: ['staff'], memberId: null, unitId: null } };
}

/** The load bound of rules.ts, checked on a plan: per balanced kind, the most links of one liaison against ⌈T ÷ L⌉. */
export function checkBounds(roster: Roster, plan: PlannedLink[]): BoundCheck[] {
  const m = roster.members;
  const sides: [Kind, number, number][] = [
    ['partyMember', m.filter((x) => x.party === PARTY && !x.partyGroup).length, m.filter((x) => x.party !== PARTY).length],
    ['chairMeeting', m.filter((x) => x.chairMeeting).length, m.filter((x) => x.standing && !x.chairMeeting).length],
    ['standing', m.filter((x) => x.standing && !x.chairMeeting).length, m.filter((x) => !x.standing).length],
    ['committee', roster.committeeIds.length, roster.sectorNames.size],
  ];
  return sides.map(([kind, liaisons, targets]) => {
    const links = plan.filter((l) => l.kind === kind);
    const per = new Map<string, number>();
    for (const l of links) { const k = (kind === 'committee' ? l.committeeId : l.fromMemberId)!; per.set(k, (per.get(k) ?? 0) + 1); }
    const bound = loadBound(targets, liaisons);
    const most = Math.max(0, ...per.values());
    return { kind, liaisons, targets, links: links.length, bound, most, ok: most <= bound && links.length === targets };
  });
}

export async function measure(shape: RosterShape, runs: number): Promise<LiaisonFigure> {
  const database = await embeddedDatabase();
  try {
    const db = database.db;
    const { orgId, actor } = await seedRoster(database, shape);
    const outbox = new Outbox(db, pino({ level: 'silent' }));
    outbox.kick = async () => {}; // (the dispatcher runs after commit, off the measured path)
    const ctx: Ctx = { db, actor, outbox };
    const roster = await loadRoster(db, orgId);
    const plan = planLinks(roster, []);
    const bounds = checkBounds(roster, plan);
    await generateLinks(ctx, 2099); // warm-up
    const t = { planMs: [] as number[], generateMs: [] as number[], regenerateMs: [] as number[], baselineMs: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const year = 2100 + i;
      t.planMs.push(await timed(() => planLinks(roster, [])));
      t.generateMs.push(await timed(() => generateLinks(ctx, year)));
      t.regenerateMs.push(await timed(() => generateLinks(ctx, year)));
      const bare = plan.map((p) => ({ ...p, orgId, year: year + 100 }));
      t.baselineMs.push(await timed(() => db.transaction(async (tx) => {
        for (let j = 0; j < bare.length; j += 1000) await tx.insert(liaisonLinks).values(bare.slice(j, j + 1000));
      })));
      await db.delete(liaisonLinks).where(and(eq(liaisonLinks.orgId, orgId), eq(liaisonLinks.year, year + 100)));
    }
    const [{ links }] = (await db.execute(sql`select count(*)::int links from liaison_links where org_id = ${orgId} and year = 2100`) as unknown as { rows: [{ links: number }] }).rows;
    const gen = median(t.generateMs), base = median(t.baselineMs);
    return {
      label: shape.label, members: roster.members.length, sectors: roster.sectorNames.size, links,
      planMs: round(median(t.planMs)), generateMs: round(gen), regenerateMs: round(median(t.regenerateMs)), baselineMs: round(base), ratio: Math.round((gen / base) * 100) / 100,
      runs: { planMs: t.planMs.map(round), generateMs: t.generateMs.map(round), regenerateMs: t.regenerateMs.map(round), baselineMs: t.baselineMs.map(round) },
      bounds,
    };
  } finally { await database.close(); }
}

export async function liaisonBench(runs = 3): Promise<LiaisonFigure[]> {
  return [await measure(NATIONAL, runs), await measure(CITY, runs)];
}

export const liaisonLines = (figs: LiaisonFigure[]) => [
  '双联 link graph: generate a year from the roster (embedded; baseline: the same links written bare, one transaction)',
  ...figs.map((f) => `  ${f.label.padEnd(8)} ${String(f.members).padStart(5)} members, ${f.sectors} sectors, ${f.links} links: rules ${f.planMs} ms; generate ${f.generateMs} ms, baseline ${f.baselineMs} ms, ratio ${f.ratio}; again (no change) ${f.regenerateMs} ms; load bound ${f.bounds.every((b) => b.ok) ? 'held' : 'BROKEN'} (${f.bounds.map((b) => `${b.kind} ≤${b.bound}: ${b.most}`).join(', ')})`),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const figs = await liaisonBench(Number(process.env.BENCH_LIAISON_RUNS) || 3);
  console.log(liaisonLines(figs).join('\n'));
  console.log(JSON.stringify(figs, null, 2));
}
