import { and, eq, inArray } from 'drizzle-orm';
import type { Job } from '../../core/jobs.ts';
import type { Tx } from '../../core/db/client.ts';
import { notify, roleUsers, unitUsers } from '../../core/notify.ts';
import { assignments } from './schema.ts';

export interface ReminderPayload { assignmentId: string; dueOn: string; label: 'due14' | 'due3' | 'overdue'; item: { kind: string; id: string; title: string; href: string } }

/** Asks the item's module whether it still waits on this assignment, and who leads it (for escalation). */
export type ItemStatus = (tx: Tx, orgId: string, itemId: string) => Promise<{ open: boolean; leaderUserId?: string | null }>;
const items = new Map<string, ItemStatus>();
export const registerItemKind = (kind: string, status: ItemStatus) => { items.set(kind, status); };

/**
 * A reminder fires once (its job key) and only if it still applies: the assignment is active with
 * the same due date, the item still waits on it, and a co unit has not yet sent its opinion.
 */
export async function runReminder(job: Job, tx: Tx) {
  const p = job.payload as ReminderPayload;
  const [a] = await tx.select().from(assignments).where(and(eq(assignments.orgId, job.orgId), eq(assignments.id, p.assignmentId), inArray(assignments.state, ['pending', 'signed'])));
  if (!a || a.dueOn !== p.dueOn || (a.role === 'co' && a.opinion)) return;
  const status = await items.get(p.item.kind)?.(tx, job.orgId, p.item.id);
  if (!status?.open) return;
  const what = a.role === 'lead' ? '答复' : '协办意见';
  if (p.label === 'overdue') {
    const to = [...await unitUsers(tx, job.orgId, [a.unitId]), ...await roleUsers(tx, job.orgId, 'staff'), ...(status.leaderUserId ? [status.leaderUserId] : [])];
    await notify(tx, job.orgId, to, {
      kind: 'overdue', title: `已超期：${p.item.title}`, body: `${what}期限 ${a.dueOn} 已过`, href: p.item.href, sms: true,
      params: { key: a.role, title: p.item.title, due: a.dueOn },
    });
  } else {
    await notify(tx, job.orgId, await unitUsers(tx, job.orgId, [a.unitId]), {
      kind: 'due', title: `${p.label === 'due14' ? '14' : '3'} 天后到期：${p.item.title}`, body: `${what}期限 ${a.dueOn}`, href: p.item.href,
      params: { key: a.role, days: p.label === 'due14' ? 14 : 3, title: p.item.title, due: a.dueOn },
    });
  }
}
