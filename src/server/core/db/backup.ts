import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm';
import { PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client.ts';
import * as schema from './schema.ts';
import { orgs, sessions } from '../schema.ts';

// A backup is JSON lines: a header, then {"table", "row"} per row. It is taken in one
// repeatable-read transaction (a consistent snapshot) and restored in one transaction.
// Format 2 adds the library's files (documents' originals and page images) after the rows, each as
// {"file": key}, then {"data": base64} lines of at most 48 KiB each, then {"fileEnd": true, "size"}:
// written and read chunk by chunk, never whole. Format 1 backups (no files) still restore.

type TenantTable = PgTable & { orgId: PgColumn };
const tenantTables = (Object.values(schema) as unknown[]).filter((t): t is TenantTable =>
  t instanceof PgTable && 'orgId' in getTableColumns(t) && t !== sessions);

const FORMAT = 'tongxin-backup/2';
const READABLE = new Set(['tongxin-backup/1', FORMAT]);

/** Columns holding keys of files in the library storage, which a backup carries along. */
const FILE_KEYS = new Map<string, string>([[getTableName(schema.documents), 'storageKey'], [getTableName(schema.documentPages), 'imageKey']]);

/** What a backup reads files from and a restore writes them to (the library storage fits). */
export interface BackupFiles {
  read(key: string): Readable;
  begin(): Promise<{ readonly tempPath: string; commit(key: string): Promise<void>; abort(): Promise<void> }>;
}

/** A backup that cannot be taken or restored for a reason the operator can act on (message only). */
export class BackupError extends Error {}

/** Writes the given committees (default: all) to `file`. Sessions are not copied. */
export async function backup(db: Db, file: string, orgIds?: string[], files?: BackupFiles): Promise<{ orgs: number; rows: number; files: number }> {
  // Opened here so that a bad path fails at once (a stream would emit an unhandled 'error' later).
  const out = fs.createWriteStream(file, { fd: fs.openSync(file, 'w') });
  try {
    return await backupTo(db, out, orgIds, files);
  } catch (err) {
    out.destroy();
    fs.rmSync(file, { force: true }); // no partial backup left to be restored by mistake
    throw err;
  }
}

/** Streams a backup to `out` and ends it; with `files`, the library files the rows name go along. */
export async function backupTo(db: Db, out: Writable, orgIds?: string[], files?: BackupFiles): Promise<{ orgs: number; rows: number; files: number }> {
  let rows = 0, fileCount = 0;
  const keys: string[] = [];
  // If the output goes away (a download cancelled, a full disk), stop and end the transaction:
  // waiting for a 'drain' that never comes would hold it open for good (on PGlite, blocking everything).
  let failure: Error | null = null;
  const gone = () => failure ?? new Error('The backup output was closed before the backup was complete');
  out.on('error', (err) => { failure ??= err; });
  const write = (line: unknown) => new Promise<void>((res, rej) => {
    if (failure || out.destroyed || out.writableEnded) { rej(gone()); return; }
    if (out.write(JSON.stringify(line) + '\n')) { res(); return; }
    const settle = (err?: Error) => {
      out.off('drain', onDrain); out.off('close', onClose); out.off('error', onClose);
      if (err) rej(err); else res();
    };
    const onDrain = () => settle();
    const onClose = () => settle(gone());
    out.on('drain', onDrain); out.on('close', onClose); out.on('error', onClose);
  });
  const orgRows = await db.transaction(async (tx) => {
    const os = orgIds ? await tx.select().from(orgs).where(inArray(orgs.id, orgIds)) : await tx.select().from(orgs);
    if (orgIds && os.length !== orgIds.length) throw new BackupError('Unknown committee id');
    await write({ format: FORMAT, createdAt: new Date().toISOString(), orgs: os.map((o) => ({ id: o.id, name: o.name })) });
    for (const o of os) { await write({ table: 'orgs', row: o }); rows++; }
    for (const t of tenantTables) {
      for (const o of os) {
        const name = getTableName(t), keyColumn = FILE_KEYS.get(name);
        for (const row of await tx.select().from(t as PgTable).where(eq(t.orgId, o.id))) {
          await write({ table: name, row }); rows++;
          const key = keyColumn && (row as Record<string, unknown>)[keyColumn];
          if (files && typeof key === 'string') keys.push(key);
        }
      }
    }
    return os;
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  // Files after the transaction, so that it is not held open (on PGlite, blocking everything) while
  // they are copied. A file removed meanwhile (its document deleted) is left out.
  for (const key of keys) if (await writeFile(files!, key, write)) fileCount++;
  // The trailer proves the file is complete: a backup cut short is refused on restore.
  await write({ end: true, rows, files: fileCount });
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return { orgs: orgRows.length, rows, files: fileCount };
}

const CHUNK = 48 * 1024; // raw bytes per line (each line's base64 decodes on its own)

/** Writes one stored file as lines; a file missing from the storage is left out (false). */
async function writeFile(files: BackupFiles, key: string, write: (line: unknown) => Promise<void>): Promise<boolean> {
  let size = 0, started = false;
  try {
    for await (const buf of files.read(key) as AsyncIterable<Buffer>) {
      if (!started) { await write({ file: key }); started = true; }
      for (let i = 0; i < buf.length; i += CHUNK) await write({ data: buf.subarray(i, i + CHUNK).toString('base64') });
      size += buf.length;
    }
  } catch (err) {
    if (!started && (err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  if (!started) await write({ file: key });
  await write({ fileEnd: true, size });
  return true;
}

function revive(table: PgTable, row: Record<string, unknown>) {
  const cols = getTableColumns(table);
  for (const [k, c] of Object.entries(cols)) {
    if (c.columnType === 'PgTimestamp' && typeof row[k] === 'string') row[k] = new Date(row[k] as string);
    const v = row[k] as { type?: string; data?: number[] } | null;
    if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) row[k] = Buffer.from(v.data); // bytea, as JSON.stringify writes a Buffer
  }
  return row;
}

/** Loads a backup into this database; `replace` first deletes the committees' current rows. */
/** With `opts.files`, the backup's library files are put back (only once all rows are in). */
export async function restore(db: Db, file: string, opts: { replace?: boolean; files?: BackupFiles } = {}): Promise<{ orgs: number; rows: number; files: number }> {
  const byName = new Map<string, PgTable>([[getTableName(orgs), orgs], ...tenantTables.map((t) => [getTableName(t), t] as [string, PgTable])]);
  let header: { format?: string; orgs?: { id: string }[] } | null = null;
  let rows = 0;
  // Files are written to temporary places while reading and moved under their keys at the end.
  type Pending = Awaited<ReturnType<BackupFiles['begin']>>;
  const received: { key: string; pending: Pending }[] = [];
  let current: { key: string; pending: Pending; out: fs.WriteStream; size: number } | null = null;
  const closeCurrent = () => new Promise<void>((res, rej) => { current!.out.end((err?: Error | null) => (err ? rej(err) : res())); });
  let committed = false;
  try {
    await db.transaction(async (tx: Tx) => {
      // Read only once iterating: a readline interface drops the lines (and the end) it emits before
      // its async iterator exists, and the transaction may take a while to begin.
      const input = fs.createReadStream(file);
      const lines = readline.createInterface({ input, crlfDelay: Infinity });
      let n = 0;
      let ended = false;
      try {
        for await (const line of lines) {
          n++;
          if (!line.trim()) continue;
          let rec: { format?: string; orgs?: { id: string }[]; table?: string; row?: Record<string, unknown>; end?: boolean; rows?: number;
            files?: number; file?: string; data?: string; fileEnd?: boolean; size?: number };
          try { rec = JSON.parse(line); } catch { throw new BackupError(`Line ${n} of ${file} is not JSON: the backup is damaged or truncated`); }
          if (!header) {
            header = rec;
            if (!READABLE.has(header!.format!)) throw new BackupError(`Not a tongxin backup (format ${header!.format})`);
            const ids = header!.orgs!.map((o) => o.id);
            const existing = ids.length ? await tx.select({ id: orgs.id }).from(orgs).where(inArray(orgs.id, ids)) : [];
            if (existing.length && !opts.replace) throw new BackupError(`The database already holds ${existing.length} of these committees; use --replace`);
            for (const t of tenantTables) if (ids.length) await tx.delete(t).where(inArray(t.orgId, ids));
            if (ids.length) await tx.delete(orgs).where(inArray(orgs.id, ids));
            continue;
          }
          if (ended) throw new BackupError(`Line ${n} follows the end of the backup`);
          if (current && typeof rec.data !== 'string' && !rec.fileEnd) throw new BackupError(`Line ${n}: the file ${current.key} is cut short: the backup is damaged`);
          if (rec.end) {
            if (rec.rows !== rows) throw new BackupError(`The backup announces ${rec.rows} rows but holds ${rows}: it is damaged`);
            if ((rec.files ?? 0) !== received.length) throw new BackupError(`The backup announces ${rec.files} files but holds ${received.length}: it is damaged`);
            ended = true;
            continue;
          }
          if (typeof rec.file === 'string') {
            if (!opts.files) throw new BackupError('This backup holds library files but no library storage was given to restore them to');
            const pending = await opts.files.begin();
            current = { key: rec.file, pending, out: fs.createWriteStream(pending.tempPath), size: 0 };
            received.push({ key: rec.file, pending });
            continue;
          }
          if (typeof rec.data === 'string' || rec.fileEnd) {
            if (!current) throw new BackupError(`Line ${n}: file data outside a file: the backup is damaged`);
            if (rec.fileEnd) {
              await closeCurrent();
              if (rec.size !== current.size) throw new BackupError(`The file ${current.key} should have ${rec.size} bytes but has ${current.size}: the backup is damaged`);
              current = null;
              continue;
            }
            const buf = Buffer.from(rec.data!, 'base64');
            current.size += buf.length;
            const out = current.out;
            if (!out.write(buf)) {
            await new Promise<void>((res, rej) => {
              const done = (err?: Error) => { out.off('drain', done); out.off('error', done); if (err) rej(err); else res(); };
              out.on('drain', done); out.on('error', done);
            });
          }
            continue;
          }
          const table = byName.get(rec.table!);
          if (!table) throw new BackupError(`Unknown table ${rec.table}`);
          await tx.insert(table).values(revive(table, rec.row!) as never);
          rows++;
        }
      } finally {
        lines.close();
        input.destroy();
      }
      if (!header) throw new BackupError('Empty backup file');
      if (!ended) throw new BackupError('The backup has no end marker: it was cut short (e.g. an interrupted download)');
      // Serial ids were copied as they were: move each sequence past them.
      for (const t of tenantTables) {
        const cols = getTableColumns(t);
        if (cols.id?.columnType === 'PgBigSerial53') {
          const name = getTableName(t);
          await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${name}', 'id'), greatest((select coalesce(max(id), 0) from ${name}), 1))`));
        }
      }
      // Last inside the transaction, so that a file that cannot be stored (a bad key) rolls the rows back.
      for (const f of received) await f.pending.commit(f.key);
      committed = true;
    });
  } finally {
    if (current) (current as { out: fs.WriteStream }).out.destroy();
    if (!committed) for (const f of received) await f.pending.abort().catch(() => undefined);
  }
  return { orgs: (header as { orgs?: unknown[] } | null)?.orgs?.length ?? 0, rows, files: received.length };
}
