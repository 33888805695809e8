// The built web app (dist/web). Each text file has a .br and .gz sibling made at build time, sent by
// Accept-Encoding; hashed files under /assets are cached for a year, while index.html (and every
// client-side route, which falls back to it) is revalidated on each load so a new build shows at once.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
export const PAGE_CACHE = 'no-cache';

/** Serves the build in `webDir` if there is one; answers whether there was. */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  const root = path.resolve(webDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) return false;
  const assets = path.join(root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root,
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => { reply.header('cache-control', file.startsWith(assets) ? HASHED_ASSET_CACHE : PAGE_CACHE); },
  });
  return true;
}
