// The built web app over HTTP: precompressed files chosen by Accept-Encoding, hashed assets cached
// for a year, index.html and the client-side routes that fall back to it revalidated on each load.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, testApp, type TestApp } from './helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIR = path.join(root, 'dist/web');
const IMMUTABLE = 'public, max-age=31536000, immutable';

const decode = (body: Buffer, encoding: string | undefined) =>
  (encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8');

describe.each(engines)('web app files (%s)', (engine) => {
  let t: TestApp;
  let indexHtml: string;
  let entry: string;
  beforeAll(async () => {
    execSync('node scripts/build.mjs web --if-stale', { cwd: root, stdio: 'inherit' });
    indexHtml = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
    entry = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(indexHtml)![1]!;
    t = await testApp(engine, { WEB_DIR });
  });
  afterAll(async () => { await t?.close(); });

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip, deflate', 'gzip'],
    ['identity', undefined],
  ])('sends a hashed script for Accept-Encoding %s as %s, cached for a year', async (accept, encoding) => {
    const res = await get(entry, accept);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(res.rawPayload, encoding)).toBe(fs.readFileSync(path.join(WEB_DIR, entry)).toString('utf8'));
  });

  it('sends a compressed script much smaller than the file', async () => {
    const res = await get(entry, 'br');
    expect(res.rawPayload.length).toBeLessThan(fs.statSync(path.join(WEB_DIR, entry)).size / 2);
  });

  it.each(['/', '/index.html', '/login', '/proposals/123'])('sends %s as index.html, compressed and revalidated on every load', async (url) => {
    const res = await get(url, 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(decode(res.rawPayload, 'br')).toBe(indexHtml);
  });

  it('answers 404 for a script no build has (a page open across a new build asks for its old ones), not the page', async () => {
    const res = await get('/assets/index-0123abcd.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends index.html uncompressed to a client that asks for nothing, still revalidated', async () => {
    const res = await get('/login', '');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(indexHtml);
  });
});
