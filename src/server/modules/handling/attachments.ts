import { fileTypeFromBuffer } from 'file-type';
import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { CommandScope } from '../../core/command.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { connectionOf, type Queryable, type Tx } from '../../core/db/client.ts';
import { badRequest, invalid, notFound, say, type Message } from '../../core/errors.ts';
import { checkZip, isZip } from '../../core/zip-limits.ts';
import { attachments } from './schema.ts';

// Attachments of replies and contact-log entries. A file is uploaded first (checked by its
// content: documents, spreadsheets, slides, PDFs and images only), then named by id in the reply
// or log entry that carries it.

const ALLOWED: Record<string, string> = {
  'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/x-cfb': 'doc', // Word 97–2003 and other OLE documents
  'application/vnd.ms-excel': 'xls', 'application/msword': 'doc',
};
export const MAX_ATTACHMENT = 10 * 1024 * 1024;
const OFFICE_ZIP = ['docx', 'xlsx', 'pptx'];
const unsupported = (mime?: string) =>
  (mime ? say(`不支持的文件类型（${mime}）`, `unsupported content (${mime})`) : say('不支持的文件类型', 'unsupported content'));
// Generous for a 10 MB document full of text or pictures; a zip bomb declares far more.
const OFFICE_ZIP_LIMITS = { entries: 10_000, unpackedBytes: 500 * 1024 * 1024 };


/** An uploaded file as it arrived: its parts in order (readUpload), their total size and SHA-256. */
export interface Upload { filename: string; parts: Buffer[]; size: number; sha256: string }

/** Past this size a file's bytes are streamed to PostgreSQL (streamBytes), not sent as a parameter. */
const STREAM_FROM = 1024 * 1024;

/** The first `n` bytes (at least), joined only as far as they go. */
function head(parts: Buffer[], n: number) {
  let k = 0, len = 0;
  while (k < parts.length && len < n) len += parts[k++]!.length;
  return k === 1 ? parts[0]! : Buffer.concat(parts.slice(0, k));
}

/**
 * Streams a file's parts to PostgreSQL as one bytea value, by a binary COPY into the connection's
 * temporary table `upload_bytes` (emptied at commit), and answers the SQL that reads it back. Sent as
 * a parameter, a 10 MB file took three more buffers of its size on the event loop's heap (the join,
 * then node-postgres's parameter and message), and every large buffer sets the garbage collector
 * going there (docs/benchmarks.md); streamed, each part goes out as it came.
 */
async function streamBytes(tx: Tx, parts: Buffer[], size: number): Promise<SQL> {
  const client = connectionOf(tx);
  await client.query('create temporary table if not exists upload_bytes (data bytea) on commit delete rows');
  // Binary COPY: the signature, no flags, no header extension, then one row of one field (its length, its bytes), then -1.
  const header = Buffer.alloc(25);
  header.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
  header.writeInt16BE(1, 19);
  header.writeInt32BE(size, 21);
  await pipeline(Readable.from([header, ...parts, Buffer.from([0xff, 0xff])]), client.query(copyFrom('copy upload_bytes (data) from stdin (format binary)')));
  return sql`(select data from upload_bytes)`;
}

/**
 * Stores an uploaded file for the item, unattached; the type comes from the bytes, never the name.
 * `only`: the kinds (extensions) this upload takes, with the message that names them.
 */
export async function storeUpload(c: CommandScope, item: { kind: string; id: string }, file: Upload, only?: { kinds: string[]; message: Message }) {
  // A zip (the Office formats) is read whole: its type is told by its entries, its directory is at the end.
  const whole = isZip(head(file.parts, 4)) ? Buffer.concat(file.parts) : null;
  const type = await fileTypeFromBuffer(whole ?? head(file.parts, 4100)); // (file-type reads at most 4,100 bytes of any other)
  const kind = type && ALLOWED[type.mime];
  if (!kind || (only && !only.kinds.includes(kind))) {
    throw badRequest(only?.message ?? say('只能上传 PDF、Word、Excel、PowerPoint 或图片', 'Only PDF, Word, Excel, PowerPoint files and images'), [{ path: '/file', message: unsupported(type?.mime) }]);
  }
  if (whole && OFFICE_ZIP.includes(kind)) checkZip(whole, OFFICE_ZIP_LIMITS);
  const base = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').replace(/\.[^.]*$/, '').slice(0, 100) || 'file';
  // (a small file as a binary parameter: node-postgres sends the bytes as they are)
  const data = whole ?? (file.size > STREAM_FROM ? await streamBytes(c.tx, file.parts, file.size) : head(file.parts, file.size));
  const [row] = await c.tx.insert(attachments).values({
    orgId: c.actor.orgId, itemKind: item.kind, itemId: item.id, filename: `${base}.${kind}`, mime: type.mime,
    size: file.size, sha256: file.sha256, data, createdBy: c.actor.id,
  }).returning({ id: attachments.id, filename: attachments.filename, mime: attachments.mime, size: attachments.size });
  return row!;
}

/** Binds the caller's unattached uploads of this item to a reply or log entry; 422 for any other id. */
export async function bindUploads(c: CommandScope, item: { kind: string; id: string }, ids: string[], owner: { kind: string; id: string }) {
  if (!ids.length) return;
  const rows = await c.tx.update(attachments).set({ ownerKind: owner.kind, ownerId: owner.id })
    .where(and(eq(attachments.orgId, c.actor.orgId), eq(attachments.itemKind, item.kind), eq(attachments.itemId, item.id),
      inArray(attachments.id, [...new Set(ids)]), eq(attachments.createdBy, c.actor.id), isNull(attachments.ownerId)))
    .returning({ id: attachments.id });
  if (rows.length !== new Set(ids).size) throw invalid('/attachmentIds', say('含有不存在、已使用或并非由您为此事项上传的附件', 'unknown, already used or not uploaded by you for this item'));
}

/** Attachments bound to the item's replies and log entries (metadata only). */
export async function attachmentsOf(db: Queryable, orgId: string, item: { kind: string; id: string }) {
  return db.select({ id: attachments.id, ownerKind: attachments.ownerKind, ownerId: attachments.ownerId, filename: attachments.filename, mime: attachments.mime, size: attachments.size })
    .from(attachments).where(and(eq(attachments.orgId, orgId), eq(attachments.itemKind, item.kind), eq(attachments.itemId, item.id)));
}

export async function attachmentFile(db: Queryable, orgId: string, item: { kind: string; id: string }, id: string) {
  const [row] = await db.select({ ...getTableColumns(attachments), data: sql<string>`encode(${attachments.data}, 'base64')` }).from(attachments).where(and(eq(attachments.orgId, orgId), eq(attachments.itemKind, item.kind), eq(attachments.itemId, item.id), eq(attachments.id, id)));
  if (!row) throw notFound('Attachment');
  return { ...row, data: Buffer.from(row.data, 'base64') };
}
