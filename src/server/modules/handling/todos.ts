import type { TodoItem } from '../../core/todos.ts';
import type { Assignment } from './engine.ts';

const WORDS = { sign: '签收或退回', reply: '办理答复', opinion: '提交协办意见' } as const;
type Owed = keyof typeof WORDS;

/**
 * What a unit owes on one of its current assignments of an open item, as a to-do: sign for it or
 * return it by the end of the return window, then the lead unit's reply or a co unit's opinion by
 * the due date (nothing once the opinion is sent). Items other than proposals name their kinds
 * with a prefix (recommendationSign …) and their Chinese title with a noun (签收或退回建议：…).
 */
export function assignmentTodo(a: Assignment, item: { href: string; params: Record<string, string> }, kind?: { prefix: string; noun: string }): TodoItem | null {
  const owed: Owed | null = a.state === 'pending' ? 'sign' : a.role === 'lead' ? 'reply' : a.opinion ? null : 'opinion';
  if (!owed) return null;
  return {
    kind: kind ? `${kind.prefix}${owed[0]!.toUpperCase()}${owed.slice(1)}` : owed,
    title: `${WORDS[owed]}${kind?.noun ?? ''}：${item.params.title}`,
    params: item.params, href: item.href, due: owed === 'sign' ? a.returnBy : a.dueOn,
  };
}
