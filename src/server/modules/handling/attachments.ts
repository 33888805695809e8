import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { CommandScope } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { badRequest, invalid, notFound, say, type Message } from '../../core/errors.ts';
import { checkZip } from '../../core/zip-limits.ts';
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


/**
 * Stores an uploaded file for the item, unattached; the type comes from the bytes, never the name.
 * `only`: the kinds (extensions) this upload takes, with the message that names them.
 */
export async function storeUpload(c: CommandScope, item: { kind: string; id: string }, file: { filename: string; data: Buffer; sha256?: string }, only?: { kinds: string[]; message: Message }) {
  const type = await fileTypeFromBuffer(file.data);
  const kind = type && ALLOWED[type.mime];
  if (!kind || (only && !only.kinds.includes(kind))) {
    throw badRequest(only?.message ?? say('只能上传 PDF、Word、Excel、PowerPoint 或图片', 'Only PDF, Word, Excel, PowerPoint files and images'), [{ path: '/file', message: unsupported(type?.mime) }]);
  }
  if (OFFICE_ZIP.includes(ALLOWED[type.mime]!)) checkZip(file.data, OFFICE_ZIP_LIMITS);
  const base = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').replace(/\.[^.]*$/, '').slice(0, 100) || 'file';
  const [row] = await c.tx.insert(attachments).values({
    orgId: c.actor.orgId, itemKind: item.kind, itemId: item.id, filename: `${base}.${ALLOWED[type.mime]}`, mime: type.mime,
    // (the content as a binary parameter: node-postgres sends the bytes as they are; as base64 text
    // through decode(), 10 MB held the event loop for ~0.1–0.3 s encoding it)
    size: file.data.length, sha256: file.sha256 ?? crypto.createHash('sha256').update(file.data).digest('hex'), data: file.data, createdBy: c.actor.id,
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
