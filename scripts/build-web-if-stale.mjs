// Builds the web app when dist/web is missing or older than its sources (used by npm start).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const newest = (p) => {
  const s = fs.statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
};
const built = 'dist/web/index.html';
const sources = ['src/web', 'vite.config.ts', 'package-lock.json'].filter((p) => fs.existsSync(p));
if (!fs.existsSync(built) || Math.max(...sources.map(newest)) > fs.statSync(built).mtimeMs) {
  console.log('Building the web app…');
  // A production build whoever calls: under vitest NODE_ENV is 'test', which would bake React's
  // development build and antd's fixed test ids ("test-id" for every aria-labelledby) into dist/web.
  execSync('npx vite build --logLevel warn', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
