import { and, eq, inArray, isNull } from 'drizzle-orm';
import { runCommand, type CommandScope, type Ctx } from '../../core/command.ts';
import { conflict, forbidden, invalid, notFound, say } from '../../core/errors.ts';
import { memberUsers, notify } from '../../core/notify.ts';
import { memberOf } from '../../core/policies.ts';
import { orgs, users } from '../../core/schema.ts';
import { today } from '../handling/deadlines.ts';
import { committees, members } from '../org/schema.ts';
import { GROUP_KIND_LABELS, type ActivityKind, type GroupKind } from './labels.ts';
import { groupSubtree } from './queries.ts';
import { campaignIdeas, campaigns, partyActivities, partyGroupMembers, partyGroups } from './schema.ts';

// The party organisation's groups, members and activities, and campaigns with members' ideas.

/** Where a group of each kind sits: the kinds its parent may be (null: at the top). */
const PARENTS: Record<GroupKind, readonly (GroupKind | null)[]> = {
  leadingGroup: [null],
  officeLeadingGroup: [null, 'leadingGroup'],
  officeCommittee: [null, 'officeLeadingGroup', 'leadingGroup'],
  branch: ['officeCommittee', 'officeLeadingGroup'],
  cell: ['branch'],
  memberGroup: [null, 'leadingGroup', 'officeCommittee'],
};

export interface GroupInput { kind: GroupKind; name: string; parentId?: string; committeeId?: string; countyOrgId?: string }

async function loadGroup(c: CommandScope, id: string) {
  const [g] = await c.tx.select().from(partyGroups).where(and(eq(partyGroups.orgId, c.actor.orgId), eq(partyGroups.id, id)));
  if (!g) throw notFound('Group');
  return g;
}

export function createGroup(ctx: Ctx, input: GroupInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    const orgId = c.actor.orgId;
    let parentKind: GroupKind | null = null;
    if (input.parentId) {
      const [p] = await c.tx.select().from(partyGroups).where(and(eq(partyGroups.orgId, orgId), eq(partyGroups.id, input.parentId), eq(partyGroups.active, true)));
      if (!p) throw invalid('/parentId', say('本政协没有这个在设的党组织', 'no such active party group in this committee'));
      parentKind = p.kind;
    }
    const allowed = PARENTS[input.kind];
    if (!allowed.includes(parentKind)) {
      const names = allowed.map((k) => (k ? GROUP_KIND_LABELS[k] : '（无上级）')).join('、');
      throw invalid('/parentId', say(`${GROUP_KIND_LABELS[input.kind]}的上级须是：${names}`, `a ${input.kind} sits under: ${allowed.map((k) => k ?? '(none)').join(', ')}`));
    }
    if ((input.committeeId || input.countyOrgId) && input.kind !== 'memberGroup') {
      throw invalid(input.committeeId ? '/committeeId' : '/countyOrgId', say('只有党员委员活动小组依托专委会或县政协', 'only a members\' party activity group rests on a special committee or county'));
    }
    if (input.committeeId) {
      const [k] = await c.tx.select({ id: committees.id }).from(committees).where(and(eq(committees.orgId, orgId), eq(committees.id, input.committeeId), eq(committees.active, true)));
      if (!k) throw invalid('/committeeId', say('本政协没有这个在设的专委会', 'no such active special committee in this committee'));
    }
    if (input.countyOrgId) {
      const [o] = await c.tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.id, input.countyOrgId), eq(orgs.parentId, orgId)));
      if (!o) throw invalid('/countyOrgId', say('不是本政协下辖的县（市、区）政协', 'not a county committee under this committee'));
    }
    const [dup] = await c.tx.select({ id: partyGroups.id }).from(partyGroups).where(and(eq(partyGroups.orgId, orgId), eq(partyGroups.name, input.name)));
    if (dup) throw conflict(say('已有同名的党组织', 'A party group of this name exists'), [{ path: '/name', message: say('名称重复', 'taken') }]);
    const [g] = await c.tx.insert(partyGroups).values({ orgId, kind: input.kind, name: input.name, parentId: input.parentId ?? null, committeeId: input.committeeId ?? null, countyOrgId: input.countyOrgId ?? null }).returning();
    await c.record({ action: 'created', entity: 'partyGroup', entityId: g!.id, after: g });
    return g!;
  });
}

/** Staff rename a group or stand it down (a group with active groups under it stays). */
export function updateGroup(ctx: Ctx, id: string, input: { name?: string; active?: boolean }) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    const g = await loadGroup(c, id);
    if (input.name && input.name !== g.name) {
      const [dup] = await c.tx.select({ id: partyGroups.id }).from(partyGroups).where(and(eq(partyGroups.orgId, g.orgId), eq(partyGroups.name, input.name)));
      if (dup) throw conflict(say('已有同名的党组织', 'A party group of this name exists'), [{ path: '/name', message: say('名称重复', 'taken') }]);
    }
    if (input.active === false) {
      const [child] = await c.tx.select({ id: partyGroups.id }).from(partyGroups).where(and(eq(partyGroups.orgId, g.orgId), eq(partyGroups.parentId, id), eq(partyGroups.active, true))).limit(1);
      if (child) throw conflict(say('下级党组织仍在设，不能撤销', 'Groups under it are still active'));
    }
    const [after] = await c.tx.update(partyGroups).set({ ...(input.name ? { name: input.name } : {}), ...(input.active === undefined ? {} : { active: input.active }) })
      .where(and(eq(partyGroups.orgId, g.orgId), eq(partyGroups.id, id))).returning();
    await c.record({ action: 'updated', entity: 'partyGroup', entityId: id, before: g, after });
    return after!;
  });
}

export interface GroupMemberInput { memberId?: string; userId?: string; name?: string; role?: string }

/**
 * A member of a group: a committee member from the roster (memberId), or someone of the office by
 * name, with their user account when they have one (office party members need not be committee members).
 */
export function addGroupMember(ctx: Ctx, groupId: string, input: GroupMemberInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    const g = await loadGroup(c, groupId);
    if (!g.active) throw conflict(say('这个党组织已撤销', 'This group was stood down'));
    const orgId = c.actor.orgId;
    let name = input.name;
    if (input.memberId) {
      const [m] = await c.tx.select({ name: members.name }).from(members).where(and(eq(members.orgId, orgId), eq(members.id, input.memberId), eq(members.active, true)));
      if (!m) throw invalid('/memberId', say('本政协没有这位在任委员', 'no such active member in this committee'));
      name = m.name;
    }
    if (input.userId) {
      const [u] = await c.tx.select({ displayName: users.displayName, memberId: users.memberId }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, input.userId)));
      if (!u) throw invalid('/userId', say('本政协没有这个用户', 'no such user in this committee'));
      if (input.memberId && u.memberId !== input.memberId) throw invalid('/userId', say('这个用户不是该委员本人', 'this user is not that member'));
      name ??= u.displayName;
    }
    if (!name) throw invalid('/name', say('请选择委员、用户或填写姓名', 'name a member, a user or a name'));
    const same = input.memberId ? eq(partyGroupMembers.memberId, input.memberId) : input.userId ? eq(partyGroupMembers.userId, input.userId)
      : and(eq(partyGroupMembers.name, name), isNull(partyGroupMembers.memberId), isNull(partyGroupMembers.userId));
    const [dup] = await c.tx.select({ id: partyGroupMembers.id }).from(partyGroupMembers).where(and(eq(partyGroupMembers.orgId, orgId), eq(partyGroupMembers.groupId, groupId), same));
    if (dup) throw conflict(say('已是这个党组织的成员', 'Already a member of this group'));
    const [row] = await c.tx.insert(partyGroupMembers).values({ orgId, groupId, memberId: input.memberId ?? null, userId: input.userId ?? null, name, role: input.role ?? '' }).returning();
    await c.record({ action: 'added', entity: 'partyGroupMember', entityId: row!.id, after: row });
    return row!;
  });
}

export function removeGroupMember(ctx: Ctx, groupId: string, entryId: string) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    await loadGroup(c, groupId);
    const [row] = await c.tx.delete(partyGroupMembers).where(and(eq(partyGroupMembers.orgId, c.actor.orgId), eq(partyGroupMembers.groupId, groupId), eq(partyGroupMembers.id, entryId))).returning();
    if (!row) throw notFound('Group member');
    await c.record({ action: 'removed', entity: 'partyGroupMember', entityId: entryId, before: row });
    return row;
  });
}

export interface ActivityInput { kind: ActivityKind; date: string; topic: string; attendeeIds: string[] }

/** Staff log a group's activity; its attendees are members of the group or of the groups under it. */
export function logActivity(ctx: Ctx, groupId: string, input: ActivityInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    const g = await loadGroup(c, groupId);
    if (!g.active) throw conflict(say('这个党组织已撤销', 'This group was stood down'));
    if (input.date > today()) throw invalid('/date', say('不能晚于今天', 'must not be in the future'));
    const ids = [...new Set(input.attendeeIds)];
    const tree = await groupSubtree(c.tx, g.orgId, g.id);
    const rows = ids.length
      ? await c.tx.select({ id: partyGroupMembers.id, memberId: partyGroupMembers.memberId }).from(partyGroupMembers)
        .where(and(eq(partyGroupMembers.orgId, g.orgId), inArray(partyGroupMembers.id, ids), inArray(partyGroupMembers.groupId, tree)))
      : [];
    if (rows.length !== ids.length) throw invalid('/attendeeIds', say('含有不属于这个党组织（或其下级）的成员', 'contains someone not in this group or a group under it'));
    const [a] = await c.tx.insert(partyActivities).values({ orgId: g.orgId, groupId, kind: input.kind, date: input.date, topic: input.topic, attendeeIds: ids, createdBy: c.actor.id }).returning();
    const memberIds = [...new Set(rows.map((r) => r.memberId).filter((m): m is string => !!m))];
    await c.record({ action: 'logged', entity: 'partyActivity', entityId: a!.id, after: a },
      { id: a!.id, groupId, kind: input.kind, memberIds, occurredOn: input.date, attendees: ids.length, actorUserId: c.actor.id });
    return a!;
  });
}

export interface CampaignInput { title: string; theme: string; opensOn: string; closesOn: string }

export function openCampaign(ctx: Ctx, input: CampaignInput) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    if (input.closesOn < input.opensOn) throw invalid('/closesOn', say('不能早于开始日期', 'must not be before the start date'));
    const [k] = await c.tx.insert(campaigns).values({ orgId: c.actor.orgId, ...input, createdBy: c.actor.id }).returning();
    await c.record({ action: 'opened', entity: 'campaign', entityId: k!.id, after: k });
    return k!;
  });
}

async function loadCampaign(c: CommandScope, id: string) {
  const [k] = await c.tx.select().from(campaigns).where(and(eq(campaigns.orgId, c.actor.orgId), eq(campaigns.id, id)));
  if (!k) throw notFound('Campaign');
  return k;
}

/** A member (a leader who is one too) submits an idea while the campaign is open (its window, inclusive). */
export function submitIdea(ctx: Ctx, campaignId: string, input: { title: string; content: string }) {
  return runCommand(ctx, async (c) => {
    const k = await loadCampaign(c, campaignId);
    const memberId = memberOf(c.actor);
    if (!memberId) throw forbidden(say('只有委员可以献计', 'Only members submit ideas'));
    const day = today();
    if (day < k.opensOn) throw conflict(say(`征集将于 ${k.opensOn} 开始`, `The campaign opens on ${k.opensOn}`));
    if (day > k.closesOn) throw conflict(say(`征集已于 ${k.closesOn} 结束`, `The campaign closed on ${k.closesOn}`));
    const [idea] = await c.tx.insert(campaignIdeas).values({ orgId: k.orgId, campaignId, memberId, title: input.title, content: input.content, submittedOn: day }).returning();
    await c.record({ action: 'submitted', entity: 'campaignIdea', entityId: idea!.id, after: idea },
      { id: idea!.id, campaignId, memberIds: [memberId], occurredOn: day, actorUserId: c.actor.id });
    return idea!;
  });
}

/** Staff mark an idea adopted, naming the body that adopted it (市委, 市政府, a department, …). */
export function adoptIdea(ctx: Ctx, id: string, input: { adoptedBy: string; adoptedOn?: string }) {
  return runCommand(ctx, async (c) => {
    c.authorize('party.manage');
    const [idea] = await c.tx.select().from(campaignIdeas).where(and(eq(campaignIdeas.orgId, c.actor.orgId), eq(campaignIdeas.id, id))).for('update');
    if (!idea) throw notFound('Idea');
    if (idea.adoptedBy) throw conflict(say(`这条建言已被${idea.adoptedBy}采纳`, `This idea was adopted already (${idea.adoptedBy})`));
    const on = input.adoptedOn ?? today();
    if (on > today()) throw invalid('/adoptedOn', say('不能晚于今天', 'must not be in the future'));
    if (on < idea.submittedOn) throw invalid('/adoptedOn', say('不能早于献计日期', 'must not be before the idea was submitted'));
    const [after] = await c.tx.update(campaignIdeas).set({ adoptedBy: input.adoptedBy, adoptedOn: on }).where(and(eq(campaignIdeas.orgId, idea.orgId), eq(campaignIdeas.id, id))).returning();
    await c.record({ action: 'adopted', entity: 'campaignIdea', entityId: id, before: idea, after },
      { id, campaignId: idea.campaignId, memberIds: [idea.memberId], occurredOn: on, adoptedBy: input.adoptedBy, actorUserId: c.actor.id });
    // The member learns it, on their ideas page (not staff adopting an idea of their own).
    const to = (await memberUsers(c.tx, idea.orgId, [idea.memberId])).filter((u) => u !== c.actor.id);
    await notify(c.tx, idea.orgId, to, { kind: 'idea', title: `您的建言被${input.adoptedBy}采纳：${idea.title}`, href: '/campaigns/mine',
      params: { key: 'adopted', title: idea.title, adoptedBy: input.adoptedBy } });
    return after!;
  });
}

