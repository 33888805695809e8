import { Param, SQL, StringChunk } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

// A large statement built with drizzle's sql tag is compiled (every chunk walked, every name quoted) on each
// call: for search's statement of a hundred parameters, up to 6 ms of CPU under load, about a third of a rare word's search (docs/benchmarks.md).
// `shaped` compiles a statement once per shape — what decides its text (roles, which filters are set, how
// many words) — and afterwards only puts the call's values into the parameters.

const dialect = new PgDialect({ casing: 'snake_case' }); // (as the database's drizzle: core/db/client.ts)

type Vars = Record<string, string | number>;
interface Compiled { pieces: string[]; params: unknown[]; slots: [at: number, name: string][]; meta: unknown }
const compiled = new Map<string, Compiled | null>();

/** What `build` gives: the statement, and what the caller needs to read its rows (the same for every call of a shape). */
export interface Built<M> { statement: SQL; meta: M }

/** Stand-ins for the variables: of the same type, never equal to a value the statement holds (uuid-shaped for ids). */
function standIns(vars: Vars, round: number): Vars {
  let i = 0;
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => {
    i += 1;
    const n = round * 1000 + i;
    return [k, typeof v === 'number' ? -(1e12 + n) : `ffffffff-${String(n).padStart(4, '0')}-4000-8000-5ba9ed5ba9ed`];
  }));
}

/**
 * The statement `build(vars)`, compiled once for `shape`: `build` must give the same text for every `vars` of
 * one shape, each variable only as a parameter. That is checked when it is compiled (built twice with stand-ins:
 * the texts must be equal and every parameter that differs must be a variable's stand-in); a statement that
 * fails the check is built and compiled on every call, as without this.
 */
export function shaped<V extends Vars, M>(shape: string, vars: V, build: (v: V) => Built<M>): Built<M> {
  let c = compiled.get(shape);
  if (c === undefined) {
    c = compile(vars, build);
    if (compiled.size >= 200) compiled.clear(); // (a few dozen shapes in use: the roles, filters and word counts met)
    compiled.set(shape, c);
  }
  if (!c) return build(vars);
  const params = [...c.params];
  for (const [at, name] of c.slots) params[at] = vars[name];
  // (flat chunks: the cheapest statement for drizzle to compile)
  const chunks: (StringChunk | Param)[] = [new StringChunk(c.pieces[0]!)];
  params.forEach((p, i) => chunks.push(new Param(p), new StringChunk(c.pieces[i + 1]!)));
  return { statement: new SQL(chunks), meta: c.meta as M };
}

function compile<V extends Vars, M>(vars: V, build: (v: V) => Built<M>): Compiled | null {
  const [a, b] = [1, 2].map((round) => {
    const stand = standIns(vars, round) as V;
    const built = build(stand);
    return { stand, q: dialect.sqlToQuery(built.statement), meta: built.meta };
  });
  if (!a || !b || a.q.sql !== b.q.sql || a.q.params.length !== b.q.params.length) return null;
  const names = new Map(Object.entries(a.stand).map(([k, v]) => [v, k]));
  const slots: [number, string][] = [];
  for (let i = 0; i < a.q.params.length; i++) {
    if (a.q.params[i] === b.q.params[i]) continue;
    const name = names.get(a.q.params[i] as string | number);
    if (!name || b.q.params[i] !== b.stand[name]) return null;
    slots.push([i, name]);
  }
  // The text between the parameters ($1, $2, … in order: drizzle numbers them as it meets them).
  const pieces = a.q.sql.split(/\$\d+/);
  const numbers = [...a.q.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  if (pieces.length !== a.q.params.length + 1 || numbers.some((n, i) => n !== i + 1)) return null;
  return { pieces, params: a.q.params, slots, meta: a.meta };
}
