import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyCommittee } from '../bench/report.ts';
import type { Database } from '../src/server/core/db/client.ts';
import type { Actor } from '../src/server/core/policies.ts';
import { orgs, users } from '../src/server/core/schema.ts';
import { today } from '../src/server/modules/handling/deadlines.ts';
import { COUNTERS, counterRecords, counters, counterTotalsByOrg } from '../src/server/modules/liaison/counters.ts';
import { liaisonContacts, liaisonLinks } from '../src/server/modules/liaison/schema.ts';
import { activeBelow } from '../src/server/modules/org/oversight.ts';
import { actorIn } from '../src/server/modules/org/rollup.ts';
import { listActivities, listGroups, partyFiguresByOrg, people } from '../src/server/modules/party/queries.ts';
import { partyActivities, partyGroups } from '../src/server/modules/party/schema.ts';
import { sishuangFigures, sishuangFiguresOver } from '../src/server/modules/reports/figures.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { engines, testDatabase } from './helpers.ts';

// The figures a roll-up reads for all its committees in one statement grouped by committee (the
// party figures, the 双联 counters' totals: reports/figures.ts) are each committee's own: on a
// province of three copies of the demo city (every row copied under a new org_id, ids kept, so a
// join that forgot org_id would mix them) and its counties, one copy thinned out, the grouped
// figures equal each committee's read alone and its source lists' totals, and the province's 四双
// report rolled up gives every committee the part its own report has.

const year = Number(today().slice(0, 4));
const from = `${year}-01-01`, to = `${year}-12-31`;

describe.each(engines)('figures grouped by committee (%s)', (engine) => {
  let database: Database;
  let ids: string[];
  let office: Actor;

  beforeAll(async () => {
    database = await testDatabase(engine);
    const db = database.db;
    const { orgId } = await seedDemo(db);
    const [province] = await db.insert(orgs).values({ name: '示例省政协', level: 'provincial' }).returning();
    await db.update(orgs).set({ parentId: province!.id }).where(eq(orgs.id, orgId));
    const second = await copyCommittee(db, orgId, province!.id, '示例第二市政协');
    await copyCommittee(db, orgId, province!.id, '示例第三市政协');
    // The second city thinned out: a third of its contacts and party activities gone, a branch closed, links ended.
    for (const t of [liaisonContacts, partyActivities]) await db.delete(t).where(and(eq(t.orgId, second), sql`${t.id}::text < '5'`));
    const [branch] = await db.select().from(partyGroups).where(and(eq(partyGroups.orgId, second), eq(partyGroups.kind, 'branch'))).limit(1);
    await db.update(partyGroups).set({ active: false }).where(and(eq(partyGroups.orgId, second), eq(partyGroups.id, branch!.id)));
    await db.update(liaisonLinks).set({ active: false }).where(and(eq(liaisonLinks.orgId, second), eq(liaisonLinks.kind, 'partyMember'), sql`${liaisonLinks.id}::text < '8'`));
    ids = [province!.id, ...(await activeBelow(db, province!.id)).map((o) => o.id)];
    const [staff] = await db.select().from(users).where(and(eq(users.orgId, orgId), sql`${users.roles} @> '["staff"]'::jsonb`)).limit(1);
    office = { id: staff!.id, orgId: province!.id, username: 'province', displayName: '省政协办公厅', roles: ['staff'], memberId: null, unitId: null };
  }, 300_000);
  afterAll(async () => { await database?.close(); });

  it('gives each committee, grouped, its party figures read alone and its lists’ totals', async () => {
    const db = database.db;
    const grouped = await partyFiguresByOrg(db, ids, year);
    expect([...grouped.keys()]).toEqual(ids);
    const values = new Set<string>();
    for (const id of ids) {
      const mine = grouped.get(id)!;
      expect(mine).toEqual((await partyFiguresByOrg(db, [id], year)).get(id));
      const value = (key: string) => mine.figures.find((f) => f.key === key)!.value;
      for (const [key, kind] of [['branches', 'branch'], ['cells', 'cell'], ['memberGroups', 'memberGroup']] as const) expect(value(key)).toBe((await listGroups(db, id, { kind })).length);
      expect(value('officePartyMembers')).toBe((await people(db, id, 'office', year)).length);
      expect(value('partyMemberLiaisons')).toBe((await people(db, id, 'liaisons', year)).length);
      expect(value('nonPartyLinked')).toBe((await people(db, id, 'linked', year)).length);
      expect(value('activities')).toBe((await listActivities(db, actorIn(office, id), { from, to }, { limit: 1, offset: 0 })).total);
      values.add(JSON.stringify(mine.figures.map((f) => f.value)));
    }
    // The fixture tells committees apart: the thinned copy, the counties and the province differ from the city.
    expect(values.size).toBeGreaterThanOrEqual(3);
    expect(await partyFiguresByOrg(db, [], year)).toEqual(new Map());
  });

  it('gives each committee, grouped, its 双联 counters’ totals and their records’ totals', async () => {
    const db = database.db;
    const grouped = await counterTotalsByOrg(db, ids, { from, to });
    const seen = new Set<string>();
    for (const id of ids) {
      const own = await counters(db, id, { from, to, by: 'member' });
      expect(grouped.totals.get(id)).toEqual(own.total);
      expect(grouped.sources).toEqual(own.sources);
      for (const counter of COUNTERS) {
        const records = await counterRecords(db, id, { from, to, counter }, { limit: 1, offset: 0 });
        expect(grouped.totals.get(id)![counter], `${id} ${counter}`).toBe(records.sum ?? records.total);
      }
      seen.add(JSON.stringify(own.total));
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('rolls the province’s 四双 report up with each committee’s own figures as its parts', async () => {
    const db = database.db;
    const tree = await sishuangFiguresOver(db, office, year, 'tree');
    expect(tree.tree).toBe(true);
    expect(tree.committees.map((c) => c.id)).toEqual(ids);
    const own = new Map(await Promise.all(ids.map(async (id) => [id, (await sishuangFigures(db, actorIn(office, id), year, { creation: false, ownOnly: false })).figures] as const)));
    const added = tree.figures.filter((f) => f.scope === 'tree' && f.sourceCovers === 'own');
    expect(added.map((f) => f.key)).toEqual(expect.arrayContaining(['party.branches', 'party.officePartyMembers', 'party.activities', 'liaison.policyTalks', 'liaison.massesVisited', 'liaison.problemsSolved']));
    for (const f of added) {
      expect(f.parts!.map((p) => p.orgId)).toEqual(ids);
      for (const p of f.parts!) expect(p.value, `${f.key} of ${p.org}`).toBe(own.get(p.orgId)!.find((g) => g.key === f.key)?.value ?? 0);
      expect(f.value).toBe(f.parts!.reduce((s, p) => s + p.value, 0));
    }
    expect(added.find((f) => f.key === 'liaison.policyTalks')!.value).toBeGreaterThan(0);
  });
});
