import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, forbidden, invalid, say } from '../../core/errors.ts';
import { hasRole } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { assignments } from '../handling/schema.ts';
import { today } from '../handling/deadlines.ts';
import { units } from '../org/schema.ts';
import { KIND, loadProposal } from './access.ts';
import { proposals, supervisionLogs } from './schema.ts';

export interface SupervisionInput { kind: 'visit' | 'meeting' | 'research'; date: string; participants: string; outcome: string }

/** The leading leader (or staff) logs a supervision visit or meeting on a key proposal. */
export function logSupervision(ctx: Ctx, proposalId: string, input: SupervisionInput) {
  return runCommand(ctx, async (c) => {
    const l = await loadProposal(c.tx, c.actor, c.actor.orgId, proposalId, { lock: true });
    if (!l.relations.includes('keyLeader') && !hasRole(c.actor, 'staff')) throw forbidden(say('只有领办领导或工作人员可以记录督办', 'Only the leading leader or staff log supervision'));
    if (!l.p.isKey) throw conflict(say('只有重点提案需要督办', 'Only key proposals are supervised'));
    if (input.date > today()) throw invalid('/date', say('不能是将来的日期', 'must not be in the future'));
    const [row] = await c.tx.insert(supervisionLogs).values({ orgId: l.p.orgId, proposalId, kind: input.kind, happenedOn: input.date, participants: input.participants, outcome: input.outcome, createdBy: c.actor.id }).returning();
    await c.record({ action: 'supervised', entity: 'proposal', entityId: proposalId, before: { state: l.p.state }, after: { state: l.p.state, note: `${input.kind} ${input.date}：${input.outcome}` } });
    return row!;
  });
}

export async function supervisionOf(db: Queryable, orgId: string, proposalId: string) {
  const rows = await db.select({ s: supervisionLogs, by: users.displayName }).from(supervisionLogs)
    .leftJoin(users, and(eq(users.orgId, supervisionLogs.orgId), eq(users.id, supervisionLogs.createdBy)))
    .where(and(eq(supervisionLogs.orgId, orgId), eq(supervisionLogs.proposalId, proposalId))).orderBy(asc(supervisionLogs.happenedOn));
  return rows.map(({ s, by }) => ({ id: s.id, kind: s.kind, date: s.happenedOn, participants: s.participants, outcome: s.outcome, by, createdAt: s.createdAt.toISOString() }));
}

/** Key proposals with their progress: state, leading leader, lead unit and due date, supervision count. */
export async function keyBoard(db: Queryable, orgId: string, leaderUserId?: string) {
  const rows = await db.select({ p: proposals, leader: users.displayName, visits: sql<number>`(select count(*)::int from ${supervisionLogs} s where s.org_id = ${proposals.orgId} and s.proposal_id = ${proposals.id})`,
    lastVisit: sql<string | null>`(select max(s.happened_on)::text from ${supervisionLogs} s where s.org_id = ${proposals.orgId} and s.proposal_id = ${proposals.id})` })
    .from(proposals).leftJoin(users, and(eq(users.orgId, proposals.orgId), eq(users.id, proposals.keyLeaderUserId)))
    .where(and(eq(proposals.orgId, orgId), eq(proposals.isKey, true), leaderUserId ? eq(proposals.keyLeaderUserId, leaderUserId) : undefined))
    .orderBy(desc(proposals.updatedAt));
  const leads = rows.length ? await db.select({ itemId: assignments.itemId, unitName: units.name, dueOn: assignments.dueOn }).from(assignments)
    .innerJoin(units, and(eq(units.orgId, assignments.orgId), eq(units.id, assignments.unitId)))
    .where(and(eq(assignments.orgId, orgId), eq(assignments.itemKind, KIND), eq(assignments.role, 'lead'), inArray(assignments.state, ['pending', 'signed']), inArray(assignments.itemId, rows.map((r) => r.p.id)))) : [];
  return rows.map(({ p, leader, visits, lastVisit }) => {
    const lead = leads.find((l) => l.itemId === p.id);
    return { id: p.id, title: p.title, state: p.state, proposerName: p.proposerName, leader, leadUnit: lead?.unitName ?? null, dueOn: lead?.dueOn ?? null, overdue: !!lead && lead.dueOn < today() && ['assigned', 'handling', 'rehandling'].includes(p.state), visits, lastVisit };
  });
}
