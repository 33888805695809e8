import type { Tx } from '../../core/db/client.ts';
import { scheduleJobs, type Job } from '../../core/jobs.ts';
import { memberUsers, notify, roleUsers } from '../../core/notify.ts';
import { today } from '../handling/deadlines.ts';
import { compliance } from './queries.ts';

// 一见面一报告 before the year ends: on 1 and 20 December (09:00 China time) every liaison still
// behind is told what is missing, and the office how many are behind. Scheduled when a year's
// graph is generated (once per year and date: the job key); none for a year that is over.

export const LIAISON_REMINDER_JOB = 'liaisonYearEnd';
const DAYS = ['12-01', '12-20'] as const;

export async function scheduleYearEndReminders(tx: Tx, orgId: string, year: number) {
  if (`${year}-12-31` < today()) return;
  await scheduleJobs(tx, DAYS.map((day) => ({
    orgId, kind: LIAISON_REMINDER_JOB, key: `liaison:${year}:${day}`, runAt: new Date(`${year}-${day}T01:00:00Z`), payload: { year },
  })));
}

export async function runYearEndReminder(job: Job, tx: Tx) {
  const { year } = job.payload as { year: number };
  const board = await compliance(tx, job.orgId, year);
  const behind = board.items.filter((i) => i.behind);
  for (const i of behind) {
    const missing = [i.unmet ? `还有 ${i.unmet} 个联系对象未见面` : '', i.reported ? '' : `尚未提交${year}年度书面报告`].filter(Boolean).join('，');
    await notify(tx, job.orgId, await memberUsers(tx, job.orgId, [i.memberId]), {
      kind: 'liaisonYearEnd', title: `双联：${missing}`, body: '请在年底前完成“一见面一报告”。', href: '/liaison/mine',
      params: { key: i.unmet ? (i.reported ? 'unmet' : 'both') : 'report', n: i.unmet, year },
    });
  }
  if (behind.length) {
    await notify(tx, job.orgId, await roleUsers(tx, job.orgId, 'staff'), { kind: 'liaisonYearEnd', title: `双联：${behind.length} 位联系人“一见面一报告”尚未完成`, href: '/liaison/compliance', params: { key: 'staff', n: behind.length } });
  }
}
