import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import { memberOf } from '../../core/policies.ts';
import { addTodoSource, type TodoItem } from '../../core/todos.ts';
import { today } from '../handling/deadlines.ts';
import { COUNTING_EVENTS, dropTakenBack, onCountingEvent, onCountingEvents } from './entries.ts';
import { memberRecord } from './queries.ts';
import { dutyRules } from './rules.ts';
import { recordRoutes } from './routes.ts';

// 履职档案: entries from the counting events, the warnings as to-dos, the routes.

// A member behind (no proposal by the rules' day, below the pass line late in the year) is told;
// the office finds them in its list (warning=true), not as a to-do of every day.
addTodoSource(async (db, actor) => {
  const year = Number(today().slice(0, 4));
  const out: TodoItem[] = [];
  // A member, or a leader linked to one (chairs are members, held to the same lines).
  const memberId = memberOf(actor);
  if (memberId) {
    const r = await memberRecord(db, actor.orgId, memberId, year, null).catch(() => null);
    for (const w of r?.warnings ?? []) {
      out.push(w === 'noProposal'
        ? { kind: 'dutyNoProposal', title: `${year}年尚未提交提案`, params: { year }, href: '/records/me', due: `${year}-12-31` }
        : { kind: 'dutyBelowPass', title: `${year}年履职积分 ${r!.points} 分，低于合格线`, params: { year, points: r!.points, pass: (await dutyRules(db, actor.orgId)).grades.pass }, href: '/records/me', due: `${year}-12-31` });
    }
  }
  return out;
});

export async function recordsModule(fastify: FastifyInstance) {
  fastify.addHook('onReady', async () => { await dropTakenBack(fastify.db).catch((err) => fastify.log.error({ err }, 'duty records: dropping withdrawn acts failed')); });
  for (const type of COUNTING_EVENTS) fastify.outbox.subscribe(type, onCountingEvent, onCountingEvents);
  await fastify.register(recordRoutes);
}
