import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Lock files this process holds: a second open of the same folder in this process is refused too. */
const held = new Set<string>();

/**
 * One tongxin process per data folder: we hold an exclusive lock file with our pid. The embedded
 * server has a lock of its own (postmaster.pid), but ours says which tongxin owns it, so a server
 * left running by a dead owner can be stopped safely (see embedded.ts). A lock left by a dead
 * process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(fs.realpathSync(dir), 'tongxin.lock');
  if (held.has(file)) {
    throw new DataDirLockedError(
      `The data folder ${dir} is already open in this process (pid ${process.pid}). ` +
      'Close it first: two instances on one embedded database would corrupt it.');
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(file);
        try { if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file); } catch { /* already gone */ }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      // Our own pid in a lock we do not hold is a lock left by an earlier process that had this pid
      // (pid reuse, e.g. pid 1 in a restarted container): stale.
      if (pid && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(
          `The data folder ${dir} is in use by another tongxin process (pid ${pid}). ` +
          'Stop that process first: two processes on one embedded database would corrupt it.');
      }
      fs.rmSync(file, { force: true }); // stale lock from a crashed process
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dir}`);
}
