import { and, eq, inArray } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { invalid, notFound, say } from '../../core/errors.ts';
import { orgs } from '../../core/schema.ts';
import { committees, memberCommittees, members, sectors } from './schema.ts';
import { withNameSort } from '../../core/text/pinyin.ts';

export interface MemberInput {
  name: string; sectorId: string; party: string; standing: boolean;
  gender?: string | null; birthYear?: number | null; ethnicity?: string | null;
  chairMeeting?: boolean; partyGroup?: boolean; liaisonSectorIds?: string[]; countyOrgId?: string | null; committeeIds?: string[];
  workplace?: string | null; title?: string | null; phone?: string | null; email?: string | null;
}

/** Checks that referenced sector, county and committees belong to this committee; 422 naming the field. */
async function checkRefs(c: CommandScope, input: Partial<MemberInput>) {
  const orgId = c.actor.orgId;
  if (input.sectorId) {
    const [s] = await c.tx.select({ id: sectors.id }).from(sectors)
      .where(and(eq(sectors.orgId, orgId), eq(sectors.id, input.sectorId), eq(sectors.active, true)));
    if (!s) throw invalid('/sectorId', say('本政协没有这个在用的界别', 'no such active sector in this committee'));
  }
  if (input.liaisonSectorIds?.length) {
    const ids = [...new Set(input.liaisonSectorIds)];
    const found = await c.tx.select({ id: sectors.id }).from(sectors)
      .where(and(eq(sectors.orgId, orgId), inArray(sectors.id, ids), eq(sectors.active, true)));
    if (found.length !== ids.length) throw invalid('/liaisonSectorIds', say('含有不存在或已停用的界别', 'contains an unknown or inactive sector'));
  }
  if (input.countyOrgId) {
    const [o] = await c.tx.select({ id: orgs.id }).from(orgs)
      .where(and(eq(orgs.id, input.countyOrgId), eq(orgs.parentId, orgId), eq(orgs.level, 'county')));
    if (!o) throw invalid('/countyOrgId', say('不是本政协下属的县（区）政协', 'not a county committee under this committee'));
  }
  if (input.committeeIds?.length) {
    const ids = [...new Set(input.committeeIds)];
    const found = await c.tx.select({ id: committees.id }).from(committees)
      .where(and(eq(committees.orgId, orgId), inArray(committees.id, ids), eq(committees.active, true)));
    if (found.length !== ids.length) throw invalid('/committeeIds', say('含有不存在或已停用的专委会', 'contains an unknown or inactive special committee'));
  }
}

async function setCommittees(c: CommandScope, memberId: string, ids: string[]) {
  const orgId = c.actor.orgId;
  await c.tx.delete(memberCommittees).where(and(eq(memberCommittees.orgId, orgId), eq(memberCommittees.memberId, memberId)));
  const unique = [...new Set(ids)];
  if (unique.length) await c.tx.insert(memberCommittees).values(unique.map((committeeId) => ({ orgId, memberId, committeeId })));
}

/** Inserts one member inside an open command (shared by the form and the roster import). */
export async function insertMember(c: CommandScope, input: MemberInput) {
  const { committeeIds = [], ...fields } = input;
  const [row] = await c.tx.insert(members).values(withNameSort({ ...fields, orgId: c.actor.orgId })).returning();
  await setCommittees(c, row!.id, committeeIds);
  await c.record({ action: 'created', entity: 'member', entityId: row!.id, after: { ...row, committeeIds } });
  return row!;
}

export function createMember(ctx: Ctx, input: MemberInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.manage');
    await checkRefs(c, input);
    return insertMember(c, input);
  });
}

export function updateMember(ctx: Ctx, id: string, patch: Partial<MemberInput> & { active?: boolean }) {
  return runCommand(ctx, async (c) => {
    c.authorize('org.manage');
    const key = and(eq(members.orgId, c.actor.orgId), eq(members.id, id));
    const [before] = await c.tx.select().from(members).where(key).for('update');
    if (!before) throw notFound('Member');
    await checkRefs(c, patch);
    const { committeeIds, ...fields } = patch;
    const set = fields.name === undefined ? fields : withNameSort({ ...fields, name: fields.name });
    const [after] = Object.keys(set).length ? await c.tx.update(members).set(set).where(key).returning() : [before];
    if (committeeIds) await setCommittees(c, id, committeeIds);
    await c.record({ action: patch.active === false ? 'deactivated' : 'updated', entity: 'member', entityId: id, before, after: { ...after, ...(committeeIds ? { committeeIds } : {}) } });
    return after!;
  });
}
