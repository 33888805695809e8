// Workflow actions per second through the real command path (load with row lock → relations →
// transition table → step → write → audit entry → outbox event), against a bare single-row insert
// measured in the same run on the same database. Run alone: `tsx bench/workflow.ts`.
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../src/server/core/command.ts';
import { openDatabase, type Database } from '../src/server/core/db/client.ts';
import { Outbox } from '../src/server/core/outbox.ts';
import { users } from '../src/server/core/schema.ts';
import type { Actor, Role } from '../src/server/core/policies.ts';
import { act, createProposal } from '../src/server/modules/proposals/commands.ts';
import '../src/server/modules/org/policies.ts';
import '../src/server/modules/proposals/routes.ts';
import { seedFixture } from '../test/fixture.ts';
import { embeddedDatabase, freshDatabase } from './pg.ts';

export interface WorkflowResult { engine: string; actionsPerSec: number; insertsPerSec: number; ratio: number; actions: number; inserts: number; statementsPerCycle: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measureOn(database: Database, rounds: number, perRound: number): Promise<Omit<WorkflowResult, 'engine'>> {
  const db = database.db;
  const fx = await seedFixture(db);
  const rows = await db.select().from(users);
  const actor = (name: string): Actor => {
    const u = rows.find((r) => r.username === name)!;
    return { id: u.id, orgId: u.orgId, username: u.username, displayName: u.displayName, roles: u.roles as Role[], memberId: u.memberId, unitId: u.unitId };
  };
  const outbox = new Outbox(db, pino({ level: 'silent' }));
  const ctx = (name: string): Ctx => ({ db, actor: actor(name), outbox });
  // The dispatcher is not part of the measured path: it runs after commit, off the request.
  outbox.kick = async () => {};

  // Each proposal goes through six actions by four different callers.
  const cycle: [string, string, object][] = [
    ['member', 'submit', {}], ['staff', 'file', {}],
    ['staff', 'assign', { units: [{ unitId: fx.unitIds.a, role: 'lead' }] }], ['unitA', 'sign', {}],
    ['unitA', 'reply', { category: 'B', content: '已列入计划，分步实施。' }], ['member', 'evaluate', { satisfaction: 'satisfied' }],
  ];
  // Statements (begin and commit included) one proposal's six actions send, counted at the driver: the
  // figure that does not move with the machine's load.
  const counted = (await createProposal(ctx('member'), { title: '关于基准测试计数的提案', body: '建议……', kind: 'member' })).id;
  const query = pg.Client.prototype.query;
  let statementsPerCycle = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) { statementsPerCycle++; return (query as (...a: unknown[]) => unknown).apply(this, args); } as typeof query;
  try { for (const [who, action, body] of cycle) await act(ctx(who), counted, action, body as Record<string, unknown>); } finally { pg.Client.prototype.query = query; }
  const actionRates: number[] = [];
  const insertRates: number[] = [];
  let actions = 0, inserts = 0;
  for (let r = 0; r < rounds; r++) {
    const ids: string[] = [];
    for (let i = 0; i < perRound; i++) ids.push((await createProposal(ctx('member'), { title: `关于基准测试${r}-${i}的提案`, body: '建议……', kind: 'member' })).id);
    let t0 = performance.now();
    for (const id of ids) for (const [who, action, body] of cycle) { await act(ctx(who), id, action, body as Record<string, unknown>); actions++; }
    actionRates.push((ids.length * cycle.length) / ((performance.now() - t0) / 1000));
    t0 = performance.now();
    const n = ids.length * cycle.length;
    for (let i = 0; i < n; i++) {
      await db.execute(sql`insert into sectors (org_id, name) values (${fx.orgId}, ${`bench-${r}-${i}-${Math.random()}`})`);
      inserts++;
    }
    insertRates.push(n / ((performance.now() - t0) / 1000));
  }
  const a = median(actionRates), b = median(insertRates);
  return { actionsPerSec: Math.round(a), insertsPerSec: Math.round(b), ratio: Math.round((a / b) * 1000) / 1000, actions, inserts, statementsPerCycle };
}

export async function workflowBench(pgBase: string | undefined, rounds = 3, perRound = 40): Promise<WorkflowResult[]> {
  const out: WorkflowResult[] = [];
  const lite = await embeddedDatabase();
  try { out.push({ engine: 'embedded', ...(await measureOn(lite, rounds, perRound)) }); } finally { await lite.close(); }
  if (pgBase) {
    const fresh = await freshDatabase(pgBase);
    const pgdb = await openDatabase({ url: fresh.url });
    try { out.push({ engine: 'postgres', ...(await measureOn(pgdb, rounds, perRound)) }); } finally { await pgdb.close(); await fresh.drop(); }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await workflowBench(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL);
  for (const r of results) console.log(`${r.engine.padEnd(9)} workflow actions/s ${String(r.actionsPerSec).padStart(6)}  bare inserts/s ${String(r.insertsPerSec).padStart(6)}  ratio ${r.ratio}  statements per six-action cycle ${r.statementsPerCycle}`);
}
