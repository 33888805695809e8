import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

// Where the library keeps its files. The interface is what the rest of the module uses, so an
// S3-compatible store can be added beside the folder one: files are written whole to a temporary
// place first and only then put under their key (nothing half-stored), read back as streams, and
// handed to the processing as a local file (a remote store would download it to a temporary one).

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
}

/** Keys are `<orgId>/<documentId>[/<folder>]/<name>`; only these characters ever reach the file system. */
const SAFE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}(\/\w[\w.-]*){0,2}$/;

export class FolderStorage implements LibraryStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string) {
    if (!SAFE_KEY.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }

  private async tmpDir() {
    const dir = path.join(this.root, '.tmp');
    await fsp.mkdir(dir, { recursive: true });
    return dir;
  }

  async begin(): Promise<PendingFile> {
    const tempPath = path.join(await this.tmpDir(), `${crypto.randomUUID()}.part`);
    return {
      tempPath,
      commit: (key) => this.putFile(key, tempPath),
      abort: () => fsp.rm(tempPath, { force: true }),
    };
  }

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

  async withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await fsp.mkdtemp(path.join(await this.tmpDir(), 'work-'));
    try { return await fn(dir); } finally { await fsp.rm(dir, { recursive: true, force: true }); }
  }

  async removeAll(prefix: string) {
    if (!SAFE_KEY.test(prefix)) throw new Error(`bad storage prefix ${prefix}`);
    await fsp.rm(path.join(this.root, prefix), { recursive: true, force: true });
  }
}
