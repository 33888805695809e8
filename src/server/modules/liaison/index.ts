import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { today } from '../handling/deadlines.ts';
import { LIAISON_REMINDER_JOB, runYearEndReminder } from './reminders.ts';
import { liaisonRoutes } from './routes.ts';
import { compliance } from './queries.ts';

// 双联: routes and the liaison's to-dos (links not yet met face to face, the year's report).

addTodoSource(async (db, actor) => {
  if (!actor.memberId) return [];
  const year = Number(today().slice(0, 4));
  // The compliance board's own row for this member: the to-do and the board count alike.
  const [row] = (await compliance(db, actor.orgId, year, { only: actor.memberId })).items;
  if (!row) return [];
  const out: TodoItem[] = [];
  if (row.unmet) out.push({ kind: 'liaisonMeet', title: `双联：还有 ${row.unmet} 个联系对象今年未见面`, params: { n: row.unmet }, href: '/liaison/mine', due: `${year}-12-31` });
  if (!row.reported) out.push({ kind: 'liaisonReport', title: `双联：撰写${year}年度书面报告`, params: { year }, href: '/liaison/mine', due: `${year}-12-31` });
  return out;
});

export async function liaisonModule(fastify: FastifyInstance) {
  fastify.jobs.register(LIAISON_REMINDER_JOB, runYearEndReminder);
  await fastify.register(liaisonRoutes);
}
