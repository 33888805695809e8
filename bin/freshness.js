// Whether a build output is older than its sources (shared by bin/tongxin.js and scripts/build.mjs).
import fs from 'node:fs';
import path from 'node:path';

/** The compiled server and what it is compiled from, relative to the project's root. */
export const SERVER_BUILD = { output: 'dist/server/cli.js', sources: ['src/server', 'tsconfig.json', 'tsconfig.build.json'] };

/** The newest modification time (ms) of a file or of anything under a folder. */
function newest(p) {
  const s = fs.statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** True when `output` is missing or older than any of `sources` that exist (paths relative to `root`). */
export function isStale(root, { output, sources }) {
  const out = path.join(root, output);
  if (!fs.existsSync(out)) return true;
  const present = sources.map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  return present.length > 0 && Math.max(...present.map(newest)) > fs.statSync(out).mtimeMs;
}
