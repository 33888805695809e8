// The workflow ratio of bench/workflow.ts as an A/B in one process, for a loaded machine: an earlier
// commit's command path (a copy of its tree at BEFORE, e.g. `git archive <commit> | tar -x -C
// /tmp/before` with node_modules linked in) and this tree's, one proposal's six actions each in
// turn with six bare inserts between, on the same database in the same seconds. Prints each side's
// actions/s ÷ inserts/s, this tree's speed-up (afterOverBefore) and the statements per cycle.
// `BEFORE=/tmp/before AB_N=40 npx tsx bench/workflow-ab.ts` (TEST_DATABASE_URL: PostgreSQL too).
import pino from 'pino';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/server/core/db/client.ts';
import { users } from '../src/server/core/schema.ts';
import { seedFixture } from '../test/fixture.ts';
import { embeddedDatabase, freshDatabase } from './pg.ts';

const BEFORE = process.env.BEFORE;
if (!BEFORE) throw new Error('BEFORE: the folder of the earlier tree to compare with');
async function load(root: string) {
  await import(`${root}/src/server/modules/org/policies.ts`);
  await import(`${root}/src/server/modules/proposals/routes.ts`);
  const cmd = await import(`${root}/src/server/modules/proposals/commands.ts`);
  const { Outbox } = await import(`${root}/src/server/core/outbox.ts`);
  return { act: cmd.act, createProposal: cmd.createProposal, Outbox };
}
const sides = { before: await load(BEFORE), after: await load(new URL('..', import.meta.url).pathname.replace(/\/$/, '')) };

async function measure(database: Database, n: number) {
  const db = database.db;
  const fx = await seedFixture(db);
  const rows = await db.select().from(users);
  const actor = (name: string) => { const u = rows.find((r) => r.username === name)!; return { id: u.id, orgId: u.orgId, username: u.username, displayName: u.displayName, roles: u.roles, memberId: u.memberId, unitId: u.unitId }; };
  const cycle: [string, string, object][] = [
    ['member', 'submit', {}], ['staff', 'file', {}],
    ['staff', 'assign', { units: [{ unitId: fx.unitIds.a, role: 'lead' }] }], ['unitA', 'sign', {}],
    ['unitA', 'reply', { category: 'B', content: '已列入计划，分步实施。' }], ['member', 'evaluate', { satisfaction: 'satisfied' }],
  ];
  const time: Record<string, number> = { before: 0, after: 0, insert: 0 };
  const count: Record<string, number> = { before: 0, after: 0 };
  for (const side of ['before', 'after'] as const) {
    const s = sides[side];
    const outbox = new s.Outbox(db, pino({ level: 'silent' })); outbox.kick = async () => {};
    (s as any).ctx = (name: string) => ({ db, actor: actor(name), outbox });
    // statements per cycle
    const id = (await s.createProposal((s as any).ctx('member'), { title: '计数', body: '建议……', kind: 'member' })).id;
    const q = pg.Client.prototype.query; let k = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) { k++; return (q as any).apply(this, a); } as typeof q;
    try { for (const [who, action, body] of cycle) await s.act((s as any).ctx(who), id, action, body); } finally { pg.Client.prototype.query = q; }
    count[side] = k;
    // warm-up
    for (let i = 0; i < 3; i++) { const w = (await s.createProposal((s as any).ctx('member'), { title: `预热${i}`, body: '建议……', kind: 'member' })).id; for (const [who, action, body] of cycle) await s.act((s as any).ctx(who), w, action, body); }
  }
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? ['after', 'before', 'insert'] : ['insert', 'before', 'after'];
    for (const what of order) {
      if (what === 'insert') {
        const t0 = performance.now();
        for (let j = 0; j < cycle.length; j++) await db.execute(sql`insert into sectors (org_id, name) values (${fx.orgId}, ${`ab-${i}-${j}-${Math.random()}`})`);
        time.insert += performance.now() - t0;
      } else {
        const s = sides[what as 'before' | 'after'];
        const id = (await s.createProposal((s as any).ctx('member'), { title: `关于基准测试${i}的提案`, body: '建议……', kind: 'member' })).id;
        const t0 = performance.now();
        for (const [who, action, body] of cycle) await s.act((s as any).ctx(who), id, action, body);
        time[what] += performance.now() - t0;
      }
    }
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { before: r(time.insert / time.before), after: r(time.insert / time.after), afterOverBefore: r(time.before / time.after), statements: count, msPerAction: { before: r(time.before / n / 6), after: r(time.after / n / 6), insert: r(time.insert / n / 6) } };
}

const n = Number(process.env.AB_N ?? 60);
const lite = await embeddedDatabase();
try { console.log('embedded', JSON.stringify(await measure(lite, n))); } finally { await lite.close(); }
const base = process.env.TEST_DATABASE_URL;
if (base) {
  const fresh = await freshDatabase(base);
  const d = await openDatabase({ url: fresh.url });
  try { console.log('postgres', JSON.stringify(await measure(d, n))); } finally { await d.close(); await fresh.drop(); }
}
