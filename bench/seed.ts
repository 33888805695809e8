// Data for the member-list benchmark: the demo committee when src/server/seed/demo.ts exists,
// otherwise the test fixture plus ~450 generated members.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../src/server/core/db/client.ts';
import { hashPassword } from '../src/server/core/auth/passwords.ts';
import { users } from '../src/server/core/schema.ts';
import { withNameSort } from '../src/server/core/text/pinyin.ts';
import { committees, memberCommittees, members, sectors } from '../src/server/modules/org/schema.ts';
import { createRandom } from '../src/server/seed/random.ts';
import { PARTIES } from '../src/server/modules/org/values.ts';
import { seedFixture } from '../test/fixture.ts';

const demoPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/server/seed/demo.ts');

export interface BenchData {
  source: 'demo' | 'generated';
  orgId: string;
  username: string;
  password: string;
  /** Active members of the org (what page 1 of the list counts). */
  members: number;
  /** The sector with the most members, for the filtered list. */
  sectorId: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '晓东', '海燕', '志强', '丽', '平', '刚', '桂英'];
const SECTORS = ['文化艺术界', '科学技术界', '社会科学界', '医药卫生界', '体育界', '新闻出版界', '农业界', '社会福利和社会保障界'];
const WORKPLACES = ['市第一人民医院', '示例大学', '市第二中学', '市农业科学院', '市广播电视台', '示例科技有限公司', '市律师协会', '王家村村委会'];

/** ~450 members spread over ten sectors, with committee links, in the fixture committee. */
async function generated(db: Db): Promise<Omit<BenchData, 'members' | 'sectorId'>> {
  const fx = await seedFixture(db);
  const rnd = createRandom(20261127);
  const orgId = fx.orgId;
  const extra = await db.insert(sectors).values(SECTORS.map((name, i) => ({ orgId, name, sort: 3 + i }))).returning();
  const sectorIds = [...fx.sectorIds, ...extra.map((s) => s.id)];
  const more = await db.insert(committees).values(['经济委员会', '教科卫体委员会', '社会法制委员会'].map((name) => ({ orgId, name }))).returning();
  const committeeIds = [fx.committeeId, ...more.map((c) => c.id)];
  const rows = Array.from({ length: 446 }, () => ({
    orgId,
    name: rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd.chance(0.5) ? rnd.pick(GIVEN).slice(0, 1) : ''),
    gender: rnd.pick(['男', '女']),
    birthYear: rnd.int(1955, 1990),
    party: rnd.pick(PARTIES),
    sectorId: rnd.weighted(sectorIds, sectorIds.map((_, i) => (i < 2 ? 3 : 1))),
    standing: rnd.chance(0.15),
    countyOrgId: rnd.chance(0.2) ? fx.countyId : null,
    workplace: rnd.pick(WORKPLACES),
    title: rnd.chance(0.5) ? '主任' : null,
    phone: `139${rnd.digits(8)}`,
  }));
  const inserted = await db.insert(members).values(rows.map(withNameSort)).returning({ id: members.id });
  const links = inserted.flatMap((m) => rnd.sample(committeeIds, rnd.int(0, 2)).map((committeeId) => ({ orgId, memberId: m.id, committeeId })));
  if (links.length) await db.insert(memberCommittees).values(links);
  return { source: 'generated', orgId, username: 'staff', password: fx.password };
}

/** The demo seed; logs in as a staff (else admin) user of its largest committee, with a known password. */
async function demo(db: Db): Promise<Omit<BenchData, 'members' | 'sectorId'>> {
  const mod = (await import(pathToFileURL(demoPath).href)) as { seedDemo(db: Db): Promise<unknown> };
  await mod.seedDemo(db);
  const [big] = await db.select({ orgId: members.orgId, n: sql<number>`count(*)::int` }).from(members)
    .groupBy(members.orgId).orderBy(desc(sql`count(*)`)).limit(1);
  if (!big) throw new Error('demo seed created no members');
  const candidates = await db.select().from(users).where(and(eq(users.orgId, big.orgId), eq(users.active, true)));
  const user = candidates.find((u) => u.roles.includes('staff')) ?? candidates.find((u) => u.roles.includes('admin'));
  if (!user) throw new Error('demo seed has no staff or admin user in its largest committee');
  // Whatever the demo password is, the benchmark sets its own on a throwaway database.
  const password = 'bench-pass-1';
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
  return { source: 'demo', orgId: big.orgId, username: user.username, password };
}

/** The demo seed if it exists (BENCH_SEED=generated forces the fallback). */
export async function seedBench(db: Db): Promise<BenchData> {
  const useDemo = fs.existsSync(demoPath) && process.env.BENCH_SEED !== 'generated';
  const base = useDemo ? await demo(db) : await generated(db);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(members)
    .where(and(eq(members.orgId, base.orgId), eq(members.active, true)));
  const [top] = await db.select({ sectorId: members.sectorId }).from(members)
    .where(and(eq(members.orgId, base.orgId), eq(members.active, true)))
    .groupBy(members.sectorId).orderBy(desc(sql`count(*)`)).limit(1);
  return { ...base, members: count!.n, sectorId: top!.sectorId };
}
