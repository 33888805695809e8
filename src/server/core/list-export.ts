import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { asFile, FORMATS, MAX_EXPORT_ROWS, oneTable, sendTables, truncationNote, type Column, type Tables } from './xlsx.ts';

// The one way a list (or a table a page shows) becomes a download: `GET /<list>.xlsx` and
// `GET /<list>.csv`, with the list's own filters (its query string without page and pageSize), the
// list's own read rule (the handler asks the list's query, as the caller), the rows in the list's
// order from the first, up to MAX_EXPORT_ROWS, and a note under the table when more matched.

/** The rows an export asks its list for. */
export const FIRST_ROWS = { limit: MAX_EXPORT_ROWS, offset: 0 };
/** The same, for a list that takes page and pageSize. */
export const FIRST_PAGE = { page: 1, pageSize: MAX_EXPORT_ROWS };

/** A list its query answers whole (not paged) as an export's rows: the first MAX_EXPORT_ROWS, and how many there were. */
export const firstOf = <T>(items: T[]) => ({ items: items.slice(0, MAX_EXPORT_ROWS), total: items.length });

/** A list's filters without its paging: the query string of its exports. */
export function filtersOf<P extends TProperties>(props: P): TObject<Omit<P, 'page' | 'pageSize'>> {
  const { page: _p, pageSize: _s, ...filters } = props;
  return Type.Object(filters, { additionalProperties: false }) as never;
}

/** The rows of a list as one sheet, with the note that it was cut short when it was. */
export const listSheet = <T>(name: string, columns: (Column<T> | false)[], list: { items: T[]; total: number }): Tables =>
  oneTable(name, columns.filter((c): c is Column<T> => c !== false), list.items, { note: truncationNote(list.total) });

/** The request of an export route, its query string typed. */
export type ExportRequest<S extends TObject> = FastifyRequest<{ Querystring: Static<S> }>;

/** What an export sends: `file` the ASCII file name and `name` the Chinese one, both without extension. */
export interface Download { file: string; name: string; tables: Tables }

export interface ExportRoute<S extends TObject> {
  tags: string[];
  /** What is downloaded (the format is added), e.g. "The consultations of the list". */
  summary: string;
  querystring: S;
  /** The path's parameters, for a list under one object (`/campaigns/:id/ideas`). */
  params?: TObject;
  config?: FastifyContextConfig;
}

/** Registers `<path>.xlsx` and `<path>.csv`: both send what `download` builds for the caller and the query. */
export function exportRoutes<S extends TObject>(app: FastifyInstance, path: string, route: ExportRoute<S>,
  download: (req: ExportRequest<S>, q: Static<S>) => Promise<Download>) {
  for (const format of FORMATS) {
    app.get(`${path}.${format}`, {
      ...(route.config ? { config: route.config } : {}),
      schema: { tags: route.tags, summary: `${route.summary}, ${asFile(format)}`, querystring: route.querystring, ...(route.params ? { params: route.params } : {}) },
    }, async (req, reply) => {
      const d = await download(req as ExportRequest<S>, req.query as Static<S>);
      return sendTables(reply, format, d.file, d.name, d.tables);
    });
  }
}

/** The usual export of a list: its rows as one sheet named `name` (also the file's Chinese name). */
export function listExportRoutes<S extends TObject, T>(app: FastifyInstance, path: string, route: ExportRoute<S> & { file: string; name: string; columns: (req: ExportRequest<S>, q: Static<S>) => (Column<T> | false)[] },
  rows: (req: ExportRequest<S>, q: Static<S>) => Promise<{ items: T[]; total: number }>) {
  exportRoutes(app, path, route, async (req, q) => ({ file: route.file, name: route.name, tables: listSheet(route.name, route.columns(req, q), await rows(req, q)) }));
}
