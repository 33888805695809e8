import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, fileTooLarge, notFound, say } from '../../core/errors.ts';
import { attachmentFile, MAX_ATTACHMENT, type Upload } from './attachments.ts';

// The HTTP side of attachments, the same for every item of the handling engine: reading the
// multipart upload (field "file", at most 10 MB) and sending a stored file back.

export async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw badRequest(say('请以 multipart/form-data 上传文件', 'Send the file as multipart/form-data'), [{ path: '/file', message: say('必填', 'required') }]);
  const file = await req.file({ limits: { fileSize: MAX_ATTACHMENT } });
  if (!file || file.fieldname !== 'file') throw badRequest(say('没有上传文件', 'No file uploaded'), [{ path: '/file', message: say('必填', 'required') }]);
  // Hashed as it arrives, a part at a time: 10 MB hashed at once held the event loop for tens of ms.
  const hash = crypto.createHash('sha256');
  const parts: Buffer[] = [];
  for await (const part of file.file) { hash.update(part); parts.push(part); }
  if (file.file.truncated) throw fileTooLarge(MAX_ATTACHMENT / 2 ** 20);
  const upload: Upload = { filename: file.filename, parts, size: parts.reduce((n, p) => n + p.length, 0), sha256: hash.digest('hex') };
  return upload;
}

/** Sends one of the item's files to a reader of the item; an upload not yet used is its uploader's only. */
export async function sendAttachment(req: FastifyRequest, reply: FastifyReply, item: { orgId: string; kind: string; id: string }, attachmentId: string) {
  const f = await attachmentFile(req.server.db, item.orgId, item, attachmentId);
  if (!f.ownerId && f.createdBy !== req.actor?.id) throw notFound('Attachment');
  return reply.type(f.mime).header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.filename)}`).send(f.data);
}
