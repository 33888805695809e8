import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import { badRequest, fileTooLarge, inputProblem, say, type FieldError } from '../../core/errors.ts';
import { NAME_PATTERN } from '../../core/text/fields.ts';
import { DOCUMENT_ACCESS, type DocumentAccess, type DocumentFormat } from './schema.ts';
import type { LibraryStorage, PendingFile } from './storage.ts';
import { readTextFile } from './text-file.ts';

// Reading an upload: the multipart stream goes straight to a temporary file of the storage (never
// whole in memory), counted and hashed on the way and cut off past LIBRARY_MAX_UPLOAD_MB (413).
// Its type is then read from its content (file-type; a .txt must be text in UTF-8, or Chinese text in
// GB18030: text-file.ts) and must agree with its name. The caller commits the file under its key with the document's row, or aborts it.

export const FORMATS: Record<DocumentFormat, { mime: string; detected: string | null }> = {
  pdf: { mime: 'application/pdf', detected: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', detected: 'docx' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', detected: 'pptx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', detected: 'xlsx' },
  doc: { mime: 'application/msword', detected: 'cfb' },
  txt: { mime: 'text/plain; charset=utf-8', detected: null },
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = new RegExp(NAME_PATTERN);

export interface Upload {
  file: PendingFile; filename: string; format: DocumentFormat; mime: string; size: number; sha256: string;
  title?: string; access: DocumentAccess; categoryId?: string;
}

const fileMissing = () => badRequest(say('没有上传文件', 'No file uploaded'), [{ path: '/file', message: say('必填', 'required') }]);
const wrongType = (detail = say('只接受 .doc .docx .pdf .pptx .xlsx .txt 文件', 'Only .doc .docx .pdf .pptx .xlsx .txt files are accepted')) =>
  badRequest(detail, [{ path: '/file', message: say('文件类型不符', 'unsupported file type') }]);

export async function readDocumentUpload(req: FastifyRequest, storage: LibraryStorage, maxMb: number): Promise<Upload> {
  if (!req.isMultipart()) throw badRequest(say('请以 multipart/form-data 上传文件', 'Send the file as multipart/form-data'), [{ path: '/file', message: say('必填', 'required') }]);
  const max = maxMb * 1024 * 1024;
  const fields: Record<string, string> = {};
  let pending: PendingFile | undefined;
  let filename = '', size = 0;
  const hash = crypto.createHash('sha256');
  try {
    for await (const part of req.parts({ limits: { fileSize: max, files: 1, fields: 5, fieldSize: 4096 } })) {
      if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
      if (part.fieldname !== 'file' || pending) { part.file.resume(); continue; }
      pending = await storage.begin();
      filename = part.filename;
      const count = new Transform({ transform(chunk: Buffer, _enc, done) { size += chunk.length; hash.update(chunk); done(null, chunk); } });
      await pipeline(part.file, count, fs.createWriteStream(pending.tempPath));
      if (part.file.truncated) throw fileTooLarge(maxMb);
    }
    if (!pending) throw fileMissing();
    const errors: FieldError[] = [];
    const title = fields.title?.trim();
    if (title !== undefined && title !== '' && (title.length > 200 || !NAME.test(title))) errors.push({ path: '/title', message: say('标题为一行文字，不超过 200 字', 'one line of at most 200 characters') });
    const access = (fields.access ?? 'members') as DocumentAccess;
    if (!DOCUMENT_ACCESS.includes(access)) errors.push({ path: '/access', message: say('应为 public、members 或 staff', 'must be public, members or staff') });
    const categoryId = fields.categoryId || undefined;
    if (categoryId !== undefined && !UUID.test(categoryId)) errors.push({ path: '/categoryId', message: say('格式不正确', 'must be a uuid') });
    if (errors.length) throw inputProblem(errors);
    if (size === 0) throw badRequest(say('文件是空的', 'The file is empty'), [{ path: '/file', message: say('空文件', 'empty') }]);
    const { format, mime } = await formatOf(pending.tempPath, filename);
    return { file: pending, filename: path.basename(filename).slice(0, 200) || `document.${format}`, format, mime, size, sha256: hash.digest('hex'), title: title || undefined, access, categoryId };
  } catch (err) {
    await pending?.abort();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxMb);
    throw err;
  }
}

/** The format by content, which must agree with the file's extension; a text's type names its encoding. */
async function formatOf(file: string, filename: string): Promise<{ format: DocumentFormat; mime: string }> {
  const ext = path.extname(filename).slice(1).toLowerCase() as DocumentFormat;
  if (!(ext in FORMATS)) throw wrongType();
  let detected: string | undefined;
  try { detected = (await fileTypeFromFile(file))?.ext; } catch { detected = undefined; }
  if (ext === 'txt') {
    const encoding = detected ? undefined : (await readTextFile(file, false))?.encoding;
    if (!encoding) {
      throw wrongType(say('.txt 文件应为 UTF-8 或 GBK（GB18030）编码的文本；其他编码的请另存为 UTF-8', 'A .txt file must be text in UTF-8 or GBK (GB18030); save text in another encoding as UTF-8'));
    }
    return { format: 'txt', mime: `text/plain; charset=${encoding}` };
  }
  if (detected !== FORMATS[ext].detected) throw wrongType(say(`文件内容不是 .${ext} 文件`, `The file's content is not a .${ext} file`));
  return { format: ext, mime: FORMATS[ext].mime };
}
