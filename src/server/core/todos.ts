import type { Db } from './db/client.ts';
import type { Actor } from './policies.ts';
import { daysBetween, today } from '../modules/handling/deadlines.ts';

/**
 * One thing to do. `title` is in Chinese; `params` are the values in it (a proposal's title, a count),
 * so that a client can word the title for its `kind` in its own language. `overdueDays` is set (by
 * todoItems) once `due` has passed, in China's calendar.
 */
export interface TodoItem { kind: string; title: string; params: Record<string, string | number>; href: string; due?: string; overdueDays?: number }
export type TodoSource = (db: Db, actor: Actor) => Promise<TodoItem[]>;

// Modules that create work for someone (proposals to sign for, replies to evaluate, …) add a source.
const sources: TodoSource[] = [];
export const addTodoSource = (s: TodoSource) => { sources.push(s); };

/** The actor's to-do list: the overdue first (the longest overdue first), then the soonest due, then those without a date. */
export async function todoItems(db: Db, actor: Actor): Promise<TodoItem[]> {
  const lists = await Promise.all(sources.map((s) => s(db, actor)));
  const now = today();
  return lists.flat()
    .map((item) => (item.due && item.due < now ? { ...item, overdueDays: daysBetween(item.due, now) } : item))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}
