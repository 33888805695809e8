import { getTableColumns, type Table } from 'drizzle-orm';

// Rows fetched as JSON inside another statement (json_agg(t.*), row_to_json(t.*)) turned back into
// what a select of the table gives: column keys, and values through each column's own mapping
// (timestamps to Date, dates as strings). Lets one statement bring several tables' rows.

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  return Object.fromEntries(Object.entries(getTableColumns(table)).map(([key, col]) => {
    // Columns named by their key take the snake_case name the database is configured with.
    const v = json[(col as { keyAsName?: boolean }).keyAsName ? snake(key) : col.name];
    return [key, v === null || v === undefined ? null : col.mapFromDriverValue(v)];
  })) as T['$inferSelect'];
}

export const rowsFromJson = <T extends Table>(table: T, json: Record<string, unknown>[] | null): T['$inferSelect'][] =>
  (json ?? []).map((r) => rowFromJson(table, r));
