import { expect } from 'vitest';
import type { TestApp } from './helpers.ts';

/** A multipart form for POST /documents: the fields, then the file in the field "file". */
export function form(file: Buffer, filename: string, fields: Record<string, string> = {}) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(file)]), filename);
  return f;
}

/** The library's calls on an app made later (in beforeAll): uploads, reads as a login (or none), ready documents. */
export function libraryCalls(t: () => TestApp) {
  const up = async (login: string, file: Buffer, filename: string, fields: Record<string, string> = {}) =>
    t().app.inject({ method: 'POST', url: '/api/v1/documents', headers: await t().as(login), payload: form(file, filename, fields) });
  const get = async (login: string | undefined, url: string) => t().app.inject({ url: `/api/v1${url}`, headers: login ? await t().as(login) : {} });
  /** Uploads as staff and processes: the document as staff then sees it. */
  const ready = async (file: Buffer, filename: string, fields: Record<string, string> = {}) => {
    const res = await up('staff', file, filename, fields);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().state).toBe('processing');
    await t().app.library.runner.runDue();
    return (await get('staff', `/documents/${res.json().id}`)).json();
  };
  return { up, get, ready };
}
