import { today } from '../src/server/modules/handling/deadlines.ts';
import { proposalIn, type TestApp } from './helpers.ts';

// 优秀提案评选 rounds in a given stage, made through the API as the people whose step it is.

export type SelectionStage = 'nominating' | 'scoring' | 'unitLevel' | 'decided' | 'announced';
export interface SelectionRound { id: string; entryId: string; levelIds: string[] }

/** This year's selection rounds are for proposals submitted this year (China time). */
export const thisYear = () => Number(today().slice(0, 4));

export async function call(t: TestApp, login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: await t.as(login), ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${login} ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * A round of the six default levels in which 张三 (member) has nominated a closed proposal of his
 * (handled by unit A), taken on by staff: "scoring" is at level 2 (staff score), "unitLevel" at
 * level 3 (the lead unit scores), "decided" has every level closed, "announced" is announced.
 */
export async function selectionIn(t: TestApp, stage: SelectionStage, name: string): Promise<SelectionRound> {
  const round = await call(t, 'staff', 'POST', '/api/v1/selections', { year: thisYear(), name });
  const levelIds = (round.levels as { id: string }[]).map((l) => l.id);
  const proposalId = await proposalIn(t, 'closed', `${name}的提案`);
  const entry = await call(t, 'member', 'POST', `/api/v1/selections/${round.id}/nominations`, { proposalId, reason: '建议被采纳并已落实' });
  const closeUpTo = { nominating: 0, scoring: 1, unitLevel: 2, decided: 6, announced: 6 }[stage];
  for (const levelId of levelIds.slice(0, closeUpTo)) await call(t, 'staff', 'POST', `/api/v1/selections/${round.id}/levels/${levelId}/close`, {});
  if (stage === 'announced') await call(t, 'staff', 'POST', `/api/v1/selections/${round.id}/announce`, {});
  return { id: round.id, entryId: entry.id, levelIds };
}
