import type { Db } from './db/client.ts';
import type { Actor } from './policies.ts';

/**
 * One thing to do. `title` is in Chinese; `params` are the values in it (a proposal's title, a count),
 * so that a client can word the title for its `kind` in its own language.
 */
export interface TodoItem { kind: string; title: string; params: Record<string, string | number>; href: string; due?: string }
export type TodoSource = (db: Db, actor: Actor) => Promise<TodoItem[]>;

// Modules that create work for someone (proposals to sign for, replies to evaluate, …) add a source.
const sources: TodoSource[] = [];
export const addTodoSource = (s: TodoSource) => { sources.push(s); };

/** The actor's to-do list, soonest due first. */
export async function todoItems(db: Db, actor: Actor): Promise<TodoItem[]> {
  const lists = await Promise.all(sources.map((s) => s(db, actor)));
  return lists.flat().sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}
