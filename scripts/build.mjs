// Builds the web app (dist/web, vite) and the server (dist/server, tsc): `node scripts/build.mjs [web] [server] [--if-stale]`.
// With --if-stale (npm start, npm test) a part is built only when its output is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, SERVER_BUILD } from '../bin/freshness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const parts = {
  web: {
    output: 'dist/web/index.html',
    sources: ['src/web', 'vite.config.ts', 'package-lock.json'],
    build() {
      // A production build whoever calls: under vitest NODE_ENV is 'test', which would bake React's
      // development build and antd's fixed test ids ("test-id" for every aria-labelledby) into dist/web.
      execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    },
  },
  server: {
    ...SERVER_BUILD,
    build() {
      // Built beside and swapped in whole: a server starting meanwhile finds the old build or the new one.
      const next = `dist/.server-${process.pid}`, old = `${next}-old`;
      fs.rmSync(next, { recursive: true, force: true });
      execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', next], { stdio: 'inherit' });
      // Files the server reads beside its modules (the 政协 dictionary) go beside the compiled ones.
      for (const file of fs.readdirSync('src/server', { recursive: true })) {
        const from = path.join('src/server', file);
        if (fs.statSync(from).isFile() && !from.endsWith('.ts')) fs.cpSync(from, path.join(next, file));
      }
      // Touched last: its time is what the freshness check compares with the sources.
      fs.utimesSync(path.join(next, 'cli.js'), new Date(), new Date());
      if (fs.existsSync('dist/server')) fs.renameSync('dist/server', old);
      fs.renameSync(next, 'dist/server');
      fs.rmSync(old, { recursive: true, force: true });
    },
  },
};

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const named = args.filter((a) => !a.startsWith('--'));
for (const name of named.length ? named : Object.keys(parts)) {
  const part = parts[name];
  if (!part) throw new Error(`unknown part "${name}": web or server`);
  if (ifStale && !isStale(root, part)) continue;
  console.log(`Building the ${name === 'web' ? 'web app' : 'server'}…`);
  part.build();
}
