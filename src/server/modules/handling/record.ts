import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import { units } from '../org/schema.ts';
import { attachmentsOf } from './attachments.ts';
import { assignments, evaluations, extensionRequests, handlingLogs, replies } from './schema.ts';

/**
 * What the handling engine recorded on one item, as its pages show it: the units' assignments, the
 * replies and evaluations, the contact log and the extension requests, with the files of replies and
 * log entries (downloaded under `filesBase`). `internal: false` leaves out the log and extensions.
 */
export async function handlingRecord(db: Queryable, orgId: string, item: { kind: string; id: string }, opts: { filesBase: string; internal: boolean }) {
  const of = <T extends typeof assignments | typeof replies | typeof evaluations | typeof handlingLogs | typeof extensionRequests>(t: T) =>
    and(eq(t.orgId, orgId), eq(t.itemKind, item.kind), eq(t.itemId, item.id));
  const unitOf = <T extends typeof assignments | typeof replies | typeof handlingLogs>(t: T) => and(eq(units.orgId, t.orgId), eq(units.id, t.unitId));
  const [assigned, reps, evals, logs, exts, files] = await Promise.all([
    // (the units of one assignment share its time: by id among them, else their order follows the plan)
    db.select({ a: assignments, unitName: units.name }).from(assignments).innerJoin(units, unitOf(assignments)).where(of(assignments)).orderBy(asc(assignments.assignedAt), asc(assignments.id)),
    db.select({ r: replies, unitName: units.name }).from(replies).innerJoin(units, unitOf(replies)).where(of(replies)).orderBy(asc(replies.round)),
    db.select().from(evaluations).where(of(evaluations)).orderBy(asc(evaluations.round)),
    opts.internal ? db.select({ h: handlingLogs, unitName: units.name }).from(handlingLogs).innerJoin(units, unitOf(handlingLogs)).where(of(handlingLogs)).orderBy(asc(handlingLogs.happenedOn)) : Promise.resolve([]),
    opts.internal ? db.select().from(extensionRequests).where(of(extensionRequests)).orderBy(asc(extensionRequests.requestedAt)) : Promise.resolve([]),
    attachmentsOf(db, orgId, item),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const filesOf = (kind: 'reply' | 'log', id: string) => files.filter((f) => f.ownerKind === kind && f.ownerId === id)
    .map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, href: `${opts.filesBase}/${f.id}` }));
  return {
    assignments: assigned.map(({ a, unitName }) => ({
      id: a.id, unitId: a.unitId, unitName, role: a.role, state: a.state, assignedAt: a.assignedAt.toISOString(), returnBy: a.returnBy, dueOn: a.dueOn, periodStart: a.periodStart,
      signedAt: iso(a.signedAt), returnReason: a.returnReason, opinion: a.opinion, opinionAt: iso(a.opinionAt),
    })),
    replies: reps.map(({ r, unitName }) => ({ id: r.id, round: r.round, unitName, category: r.category, content: r.content, signer: r.signer, createdAt: r.createdAt.toISOString(), attachments: filesOf('reply', r.id) })),
    evaluations: evals.map((e) => ({ round: e.round, satisfaction: e.satisfaction, resultSatisfaction: e.resultSatisfaction, contacted: e.contacted, contactMethod: e.contactMethod, comment: e.comment, createdAt: e.createdAt.toISOString() })),
    logs: logs.map(({ h, unitName }) => ({ id: h.id, unitName, kind: h.kind, date: h.happenedOn, content: h.content, createdAt: h.createdAt.toISOString(), attachments: filesOf('log', h.id) })),
    extensions: exts.map((x) => ({ id: x.id, requestedDueOn: x.requestedDueOn, reason: x.reason, state: x.state, requestedAt: x.requestedAt.toISOString(), decidedAt: iso(x.decidedAt), decisionNote: x.decisionNote })),
  };
}
