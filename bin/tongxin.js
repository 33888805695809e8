#!/usr/bin/env node
// Runs the compiled server in dist/server (built by `npm run build`, by `npm start` and before packing).
// A development checkout whose server sources are newer than that build (or that has none) runs the
// sources through tsx instead: an edit is served at once, with no build step to forget, and tsx is
// there (a devDependency). A published package has no src/server, so it always runs dist.
import { fileURLToPath } from 'node:url';
import { isStale, SERVER_BUILD } from './freshness.js';

if (isStale(fileURLToPath(new URL('..', import.meta.url)), SERVER_BUILD)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
} else {
  await import('../dist/server/cli.js');
}
