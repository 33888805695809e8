import { eq } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import { definePolicies } from '../../core/policies.ts';
import { invalid, say } from '../../core/errors.ts';
import { orgs } from '../../core/schema.ts';
import { backfillRecords, entryYears, recomputeYear } from './entries.ts';
import { dutyRules, mergeRules, type DutyRules } from './rules.ts';

// Who may do what with duty records: the office keeps the rules and recomputes; leaders read every
// record; a member reads their own.
definePolicies({
  'records.manage': ['staff', 'admin'],
  'records.read': ['staff', 'admin', 'leader'],
});

/**
 * Staff change the point rules (a part or all); every year's totals are recomputed with them at
 * once, so the lists never show points by rules that no longer hold.
 */
export type RulesPatch = Partial<Omit<DutyRules, 'grades'>> & { grades?: Partial<DutyRules['grades']> };

export function saveRules(ctx: Ctx, patch: RulesPatch) {
  return runCommand(ctx, async (c) => {
    c.authorize('records.manage');
    const [org] = await c.tx.select({ settings: orgs.settings }).from(orgs).where(eq(orgs.id, c.actor.orgId)).for('update');
    const before = await dutyRules(c.tx, c.actor.orgId);
    const after = mergeRules({ ...before, ...patch, points: { ...before.points, ...(patch.points ?? {}) }, grades: { ...before.grades, ...(patch.grades ?? {}) } });
    if (!(after.grades.excellent >= after.grades.good)) throw invalid('/grades/excellent', say('优秀线不能低于良好线', 'must not be below the line of good'));
    if (!(after.grades.good >= after.grades.pass)) throw invalid('/grades/good', say('良好线不能低于合格线', 'must not be below the pass line'));
    await c.tx.update(orgs).set({ settings: { ...(org?.settings ?? {}), records: after } }).where(eq(orgs.id, c.actor.orgId));
    await c.record({ action: 'settings', entity: 'org', entityId: c.actor.orgId, before: { records: before }, after: { records: after } });
    for (const year of await entryYears(c.tx, c.actor.orgId)) await recomputeYear(c.tx, c.actor.orgId, year);
    return after;
  });
}

/** `POST /records/recompute`: a year's totals again from the stored entries with the current rules. */
export function recompute(ctx: Ctx, year: number) {
  return runCommand(ctx, async (c) => {
    c.authorize('records.manage');
    const result = await recomputeYear(c.tx, c.actor.orgId, year);
    await c.record({ action: 'recomputed', entity: 'dutyRecords', entityId: String(year), after: result });
    return result;
  });
}

/** `POST /records/backfill`: entries for what the modules hold from before the records (safe to run again). */
export function backfill(ctx: Ctx) {
  return runCommand(ctx, async (c) => {
    c.authorize('records.manage');
    const result = await backfillRecords(c.tx, c.actor.orgId);
    await c.record({ action: 'backfilled', entity: 'dutyRecords', entityId: c.actor.orgId, after: result });
    return result;
  });
}
