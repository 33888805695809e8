import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../core/config.ts';

// Where the library keeps its files. The interface is what the rest of the module uses: a folder
// (FolderStorage, LIBRARY_DIR) or an S3-compatible bucket (S3Storage in s3-storage.ts,
// LIBRARY_STORAGE=s3). Files are written whole to a temporary place first and only then put under
// their key (nothing half-stored), read back as streams, and handed to the processing as a local
// file (the bucket's is downloaded to a temporary one). Temporary files live under LIBRARY_DIR/.tmp
// whatever the store.

export interface PendingFile {
  /** A local path to write the incoming bytes to. */
  readonly tempPath: string;
  /** Moves the finished file under `key` (atomically, in the folder store). */
  commit(key: string): Promise<void>;
  /** Throws the written bytes away. */
  abort(): Promise<void>;
}

export interface LibraryStorage {
  begin(): Promise<PendingFile>;
  /** Stores a local file (moved, not copied) under `key`. */
  putFile(key: string, localPath: string): Promise<void>;
  read(key: string): Readable;
  size(key: string): Promise<number>;
  /** Runs `fn` with a local path of the stored file. */
  withLocalFile<T>(key: string, fn: (localPath: string) => Promise<T>): Promise<T>;
  /** A scratch folder for one processing run, removed after `fn`. */
  withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T>;
  /** Removes every file whose key starts with `prefix` (a document's folder). */
  removeAll(prefix: string): Promise<void>;
  /** Lets go of connections (a bucket's client). */
  close?(): void;
}

/** Keys are `<orgId>/<documentId>[/<folder>]/<name>`; only these characters ever reach the file system. */
const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}(\/\w[\w.-]*){0,2}$/;

/** The key, if it is one the library makes (else an error: nothing else reaches a store). */
export function checkedKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`bad storage key ${key}`);
  return key;
}

/** The temporary files of a store: uploads being received and processing runs, under `root/.tmp`. */
export abstract class LocalScratch {
  constructor(readonly root: string) {}

  protected async tmpDir() {
    const dir = path.join(this.root, '.tmp');
    await fsp.mkdir(dir, { recursive: true });
    return dir;
  }

  abstract putFile(key: string, localPath: string): Promise<void>;

  async begin(): Promise<PendingFile> {
    const tempPath = path.join(await this.tmpDir(), `${crypto.randomUUID()}.part`);
    return {
      tempPath,
      commit: (key) => this.putFile(key, tempPath),
      abort: () => fsp.rm(tempPath, { force: true }),
    };
  }

  async withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await fsp.mkdtemp(path.join(await this.tmpDir(), 'work-'));
    try { return await fn(dir); } finally { await fsp.rm(dir, { recursive: true, force: true }); }
  }
}

export class FolderStorage extends LocalScratch implements LibraryStorage {
  private pathOf(key: string) { return path.join(this.root, checkedKey(key)); }

  async putFile(key: string, localPath: string) {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    try {
      await fsp.rename(localPath, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system (a scratch folder elsewhere): copy beside the target, then rename.
      const beside = `${target}.${crypto.randomUUID()}.part`;
      await fsp.copyFile(localPath, beside);
      await fsp.rename(beside, target);
      await fsp.rm(localPath, { force: true });
    }
  }

  read(key: string): Readable { return fs.createReadStream(this.pathOf(key)); }

  async size(key: string) { return (await fsp.stat(this.pathOf(key))).size; }

  async withLocalFile<T>(key: string, fn: (localPath: string) => Promise<T>) { return fn(this.pathOf(key)); }

  async removeAll(prefix: string) {
    await fsp.rm(this.pathOf(prefix), { recursive: true, force: true });
  }
}

/** The store the configuration names: LIBRARY_STORAGE=s3 a bucket (its client loaded only then), else the folder LIBRARY_DIR. */
export async function openLibraryStorage(config: Config): Promise<LibraryStorage> {
  if (config.LIBRARY_STORAGE !== 's3') return new FolderStorage(config.LIBRARY_DIR!);
  const { S3Storage } = await import('./s3-storage.ts');
  return S3Storage.fromConfig(config);
}
