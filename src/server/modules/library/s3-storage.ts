import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import crypto from 'node:crypto';
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Config } from '../../core/config.ts';
import { checkedKey, LocalScratch, type LibraryStorage } from './storage.ts';

// The library's files in an S3-compatible bucket (AWS S3, MinIO, Ceph, a cloud's object storage):
// LIBRARY_STORAGE=s3. An upload is received into a local temporary file (counted, hashed, its type
// checked) and only then put into the bucket under its key, streamed from the file with its length
// known; reading streams the object back; processing downloads the original to a scratch folder.
// Object keys are the library's keys, under LIBRARY_S3_PREFIX when set.

export interface S3Options {
  bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; prefix?: string;
  accessKeyId?: string; secretAccessKey?: string;
}

/** A missing object as the folder store's missing file reads (code ENOENT: a backup leaves it out). */
function missing(key: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no stored file ${key}`), { code: 'ENOENT' });
}
const isMissing = (err: unknown) => err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

export class S3Storage extends LocalScratch implements LibraryStorage {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(scratchRoot: string, opts: S3Options) {
    super(scratchRoot);
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ? `${opts.prefix.replace(/\/+$/, '')}/` : '';
    this.client = new S3Client({
      region: opts.region, endpoint: opts.endpoint, forcePathStyle: opts.forcePathStyle,
      credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: many S3-compatible servers do not read the
      // aws-chunked bodies the newer default (a CRC trailer on every upload) sends.
      requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  static fromConfig(config: Config): S3Storage {
    return new S3Storage(config.LIBRARY_DIR!, {
      bucket: config.LIBRARY_S3_BUCKET!, region: config.LIBRARY_S3_REGION, endpoint: config.LIBRARY_S3_ENDPOINT,
      forcePathStyle: config.LIBRARY_S3_FORCE_PATH_STYLE, prefix: config.LIBRARY_S3_PREFIX,
      accessKeyId: config.LIBRARY_S3_ACCESS_KEY_ID, secretAccessKey: config.LIBRARY_S3_SECRET_ACCESS_KEY,
    });
  }

  private objectKey(key: string) { return this.prefix + checkedKey(key); }

  /** Uploads the local file (its length known, streamed), then removes it. */
  async putFile(key: string, localPath: string) {
    const { size } = await fsp.stat(localPath);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: fs.createReadStream(localPath), ContentLength: size }));
    await fsp.rm(localPath, { force: true });
  }

  /** The object as a stream at once (the request runs meanwhile); a missing one fails the stream with ENOENT. */
  read(key: string): Readable {
    const out = new PassThrough();
    let objectKey: string;
    try { objectKey = this.objectKey(key); } catch (err) { process.nextTick(() => out.destroy(err as Error)); return out; }
    this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey })).then(
      (res) => pipeline(res.Body as Readable, out).catch((err) => out.destroy(err)),
      (err) => out.destroy(isMissing(err) ? missing(key) : err),
    );
    return out;
  }

  async size(key: string) {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? 0;
    } catch (err) {
      throw isMissing(err) ? missing(key) : err;
    }
  }

  /** Downloads the object to a temporary file for `fn`, removed after. */
  async withLocalFile<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T> {
    const local = path.join(await this.tmpDir(), `${crypto.randomUUID()}.get`);
    try {
      await pipeline(this.read(key), fs.createWriteStream(local));
      return await fn(local);
    } finally {
      await fsp.rm(local, { force: true });
    }
  }

  close() { this.client.destroy(); }

  /** Deletes the object `prefix` and every object under `prefix/`, a thousand a request. */
  async removeAll(prefix: string) {
    const base = this.objectKey(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: base, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((o) => o.Key!).filter((k) => k === base || k.startsWith(`${base}/`));
      if (keys.length) {
        const res = await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
        if (res.Errors?.length) throw new Error(`deleting ${res.Errors.length} stored files failed: ${res.Errors[0]!.Code} ${res.Errors[0]!.Message}`);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
