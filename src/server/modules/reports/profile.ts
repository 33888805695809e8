import { eq } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { orgTree } from '../org/orgs-routes.ts';

// The committee's profile as its reports name it: the city (or county), its party committee, the
// chair, the county committees under it. Kept in orgs.settings.reportProfile; until the office sets
// it, drawn from the org tree (示例市政协 → 示例市, 中共示例市委, its county committees).

export interface ReportProfile { cityName: string; partyCommittee: string; chair: string; counties: string[] }

/** 示例市政协 → 示例市; 中国人民政治协商会议某某市委员会 → 某某市. */
export const placeOf = (orgName: string) =>
  orgName.replace(/^中国人民政治协商会议/, '').replace(/(政协)?委员会$|政协$/, '') || orgName;

export async function defaultProfile(db: Queryable, orgId: string): Promise<ReportProfile> {
  const tree = await orgTree(db, orgId);
  const own = tree.find((o) => o.id === orgId)!;
  const city = placeOf(own.name);
  const counties = tree.filter((o) => o.parentId === orgId).map((o) => placeOf(o.name).replace(new RegExp(`^${city}`), '') || placeOf(o.name));
  return { cityName: city, partyCommittee: `中共${city}委`, chair: '', counties };
}

export async function reportProfile(db: Queryable, orgId: string): Promise<ReportProfile> {
  const [org] = await db.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, orgId));
  const saved = ((org?.settings ?? {}) as { reportProfile?: Partial<ReportProfile> }).reportProfile ?? {};
  return { ...(await defaultProfile(db, orgId)), ...saved };
}

/** The office (staff, admins) sets the profile. */
export function saveReportProfile(ctx: Ctx, profile: ReportProfile) {
  return runCommand(ctx, async (c) => {
    c.authorize('report.profile');
    const [org] = await c.tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
    const before = await reportProfile(c.tx, c.actor.orgId);
    const after: ReportProfile = { cityName: profile.cityName.trim(), partyCommittee: profile.partyCommittee.trim(), chair: profile.chair.trim(), counties: profile.counties.map((s) => s.trim()).filter(Boolean) };
    await c.tx.update(orgs).set({ settings: { ...(org?.settings ?? {}), reportProfile: after } }).where(eq(orgs.id, c.actor.orgId));
    await c.record({ action: 'reportProfile', entity: 'org', entityId: c.actor.orgId, before, after });
    return after;
  });
}
