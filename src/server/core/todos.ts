import type { Db } from './db/client.ts';
import type { Actor } from './policies.ts';

export interface TodoItem { kind: string; title: string; href: string; due?: string }
export type TodoSource = (db: Db, actor: Actor) => Promise<TodoItem[]>;

// Modules that create work for someone (proposals to sign for, replies to evaluate, …) add a source.
const sources: TodoSource[] = [];
export const addTodoSource = (s: TodoSource) => { sources.push(s); };

/** The actor's to-do list, soonest due first. */
export async function todoItems(db: Db, actor: Actor): Promise<TodoItem[]> {
  const lists = await Promise.all(sources.map((s) => s(db, actor)));
  return lists.flat().sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}
