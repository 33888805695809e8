import fsp from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../core/config.ts';
import type { Db, Tx } from '../../core/db/client.ts';
import { Problem, say, type Localized } from '../../core/errors.ts';
import { JobRunner, scheduleJobs, type Job } from '../../core/jobs.ts';
import { inWorker } from '../../core/workers/pool.ts';
import { searchTokens } from '../../core/text/segment.ts';
import { searchDocs } from '../search/schema.ts';
import { upsertSearchDoc } from '../search/store.ts';
import { DOC_KIND } from './queries.ts';
import type { Extracted, ExtractArg } from './extract.ts';
import { documentPages, documents, type DocumentFormat } from './schema.ts';
import type { LibraryStorage } from './storage.ts';
import { officeToPdf, pdfToPngs, renderers, ToolFailed, ToolTimeout } from './tools.ts';

// Processing a stored document, as a job of the persistent queue (core/jobs.ts) with a runner of
// its own: one document at a time by default (LIBRARY_WORKERS), so a long one never holds the
// reminders. Each attempt has LIBRARY_TIMEOUT_SECONDS in all: the text is read on a worker thread
// (extract.ts), LibreOffice and pdftoppm run as child processes killed at the deadline. An attempt
// that fails is retried (LIBRARY_ATTEMPTS in all), its reason kept on the document meanwhile;
// the last one ends the document `failed` with its reason. Without the renderers (or with
// LIBRARY_RENDER=text) the pages are text parts and the document says `previewKind: "text"`.

export const DOCUMENT_JOB = 'library.process';
/** Pages read and drawn at most. */
export const MAX_PAGES = 500;

const EXTRACT = new URL(`./extract.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href;

export interface ProcessingDeps { db: Db; config: Config; storage: LibraryStorage; log: FastifyBaseLogger }

export async function scheduleProcessing(tx: Tx, orgId: string, documentId: string, attempt = 0) {
  await scheduleJobs(tx, [{ orgId, kind: DOCUMENT_JOB, key: `document:${documentId}:${attempt}`, runAt: new Date(), payload: { documentId } }]);
}

/** The runner of document jobs; `kick()` after an upload starts it at once rather than at the next poll. */
export function documentRunner(deps: ProcessingDeps) {
  const runner = new JobRunner(deps.db, deps.log, { kinds: [DOCUMENT_JOB], batch: 1, concurrency: deps.config.LIBRARY_WORKERS });
  runner.register(DOCUMENT_JOB, (job, tx) => processJob(deps, job, tx));
  return runner;
}

const timedOut = (s: number): Localized => say(`处理超时（超过 ${s} 秒）`, `Processing took longer than ${s} s`);

interface Page { n: number; text: string; image?: string }
interface Outcome { pages: Page[]; previewKind: 'image' | 'text'; terms: Record<string, number>; searchWords: string }

async function processJob({ config, storage, log }: ProcessingDeps, job: Job, tx: Tx) {
  const { documentId } = job.payload as { documentId: string };
  const key = and(eq(documents.orgId, job.orgId), eq(documents.id, documentId));
  const [doc] = await tx.select().from(documents).where(key);
  if (!doc || doc.state !== 'processing') return; // deleted, or done by an earlier run
  const attempt = doc.attempts + 1;
  const pagesPrefix = `${doc.orgId}/${doc.id}/pages`;
  let outcome: Outcome;
  const rows: { orgId: string; documentId: string; n: number; text: string; imageKey: string | null }[] = [];
  try {
    await storage.removeAll(pagesPrefix); // what an interrupted attempt left
    outcome = await storage.withLocalFile(doc.storageKey, (file) => storage.withScratch(async (dir) => {
      const o = await processFile(file, doc.format, dir, Date.now() + config.LIBRARY_TIMEOUT_SECONDS * 1000, config);
      // The page images go under their keys (before the scratch folder goes), then the rows that name them.
      for (const p of o.pages) {
        let imageKey: string | null = null;
        if (p.image) {
          imageKey = `${pagesPrefix}/p-${String(p.n).padStart(4, '0')}.png`;
          await storage.putFile(imageKey, p.image);
        }
        rows.push({ orgId: doc.orgId, documentId: doc.id, n: p.n, text: p.text.replace(/\u0000/g, ''), imageKey });
      }
      return o;
    }));
  } catch (err) {
    const reason = reasonOf(err, config.LIBRARY_TIMEOUT_SECONDS);
    log.warn({ err, documentId, attempt }, 'document processing failed');
    await storage.removeAll(pagesPrefix).catch(() => undefined);
    if (attempt < config.LIBRARY_ATTEMPTS) {
      // Retried as a job of its own, the reason of this attempt shown meanwhile.
      await tx.update(documents).set({ attempts: attempt, reason, updatedAt: sql`now()` }).where(key);
      await scheduleProcessing(tx, doc.orgId, doc.id, attempt);
      return;
    }
    await tx.update(documents).set({ state: 'failed', attempts: attempt, reason, processedAt: sql`now()`, updatedAt: sql`now()` }).where(key);
    return;
  }
  await tx.delete(documentPages).where(and(eq(documentPages.orgId, doc.orgId), eq(documentPages.documentId, doc.id)));
  for (let i = 0; i < rows.length; i += 200) await tx.insert(documentPages).values(rows.slice(i, i + 200));
  const done = await tx.update(documents).set({
    state: 'ready', reason: null, attempts: attempt, pages: rows.length, previewKind: outcome.previewKind, terms: outcome.terms,
    processedAt: sql`now()`, updatedAt: sql`now()`,
  }).where(and(key, eq(documents.state, 'processing'))).returning({ title: documents.title, number: documents.number });
  if (!done.length) { await storage.removeAll(pagesPrefix); return; } // deleted meanwhile
  // (the title as it is now: staff may have renamed it while it was processed)
  await indexDocument(tx, { ...doc, ...done[0]! }, outcome.searchWords);
}

type Titled = { orgId: string; id: string; title: string; number: string };
const titleWords = (doc: Titled) => sql`setweight(to_tsvector('simple', ${[...searchTokens(doc.title), doc.number.toLowerCase()].join(' ')}), 'A')`;

/**
 * The document's search document (search_docs, kind `document`): title and number weigh most (A),
 * the extracted text (B), as segmented words in a 'simple' tsvector like the proposals'.
 */
export async function indexDocument(tx: Tx, doc: Titled, textWords: string) {
  await upsertSearchDoc(tx, doc.orgId, DOC_KIND, doc.id, sql`${titleWords(doc)} || setweight(to_tsvector('simple', ${textWords}), 'B')`);
}

/** A renamed document's search document, where it has one: the new title's words, the text's (weight B) kept. */
export async function retitleDocument(tx: Tx, doc: Titled) {
  await tx.update(searchDocs).set({ tsv: sql`${titleWords(doc)} || ts_filter(${searchDocs.tsv}, '{b}')`, updatedAt: sql`now()` })
    .where(and(eq(searchDocs.orgId, doc.orgId), eq(searchDocs.docKind, DOC_KIND), eq(searchDocs.docId, doc.id)));
}

function reasonOf(err: unknown, seconds: number): Localized {
  if (err instanceof ToolTimeout) return timedOut(seconds);
  if (err instanceof Problem) return typeof err.detail === 'object' ? err.detail : say(String(err.detail ?? err.message), String(err.detail ?? err.message));
  if (err instanceof ToolFailed) return say('页面转换失败', `Converting the pages failed: ${err.message}`);
  return say('处理出错', `Processing failed: ${(err as Error)?.message ?? String(err)}`);
}

async function extract(arg: ExtractArg, deadline: number, seconds: number): Promise<Extracted> {
  const left = deadline - Date.now();
  if (left <= 0) throw new Problem(422, 'Unprocessable Entity', timedOut(seconds));
  return inWorker<Extracted>(EXTRACT, 'extractText', arg, {
    timeoutMs: left,
    failure: () => new Problem(422, 'Unprocessable Entity', say(`处理超时（超过 ${seconds} 秒）或超出内存限制`, `Processing took longer than ${seconds} s or more memory than allowed`)),
  });
}

/** Text per page, and the page images where the renderers are at hand. */
async function processFile(file: string, format: DocumentFormat, dir: string, deadline: number, config: Config): Promise<Outcome> {
  const seconds = config.LIBRARY_TIMEOUT_SECONDS;
  // Reading the original first checks it: a damaged file or a zip bomb ends here.
  const text = await extract({ path: file, format, maxPages: MAX_PAGES }, deadline, seconds);
  const tools = renderers();
  const canRender = config.LIBRARY_RENDER === 'auto' && !!tools.pdftoppm && (format === 'pdf' || !!tools.soffice);
  if (!canRender) return { pages: text.pages.map((t, i) => ({ n: i + 1, text: t })), previewKind: 'text', terms: text.terms, searchWords: text.searchWords };

  let pdf = file;
  if (format !== 'pdf') {
    const input = path.join(dir, `document.${format}`);
    await fsp.copyFile(file, input);
    try {
      pdf = await officeToPdf(tools.soffice!, input, dir, deadline);
    } catch (err) {
      if (err instanceof ToolFailed) return { pages: text.pages.map((t, i) => ({ n: i + 1, text: t })), previewKind: 'text', terms: text.terms, searchWords: text.searchWords };
      throw err;
    }
  }
  const images = await pdfToPngs(tools.pdftoppm!, pdf, dir, MAX_PAGES, deadline);
  // The text of the pages as drawn (an office file's pages exist only once it is laid out as PDF).
  const perPage = format === 'pdf' ? text : await extract({ path: pdf, format: 'pdf', maxPages: MAX_PAGES }, deadline, seconds);
  const count = Math.max(images.length, format === 'pdf' ? 0 : perPage.pages.length);
  if (!images.length) return { pages: text.pages.map((t, i) => ({ n: i + 1, text: t })), previewKind: 'text', terms: text.terms, searchWords: text.searchWords };
  return {
    pages: Array.from({ length: Math.min(count, images.length) }, (_, i) => ({ n: i + 1, text: perPage.pages[i] ?? '', image: images[i] })),
    previewKind: 'image', terms: text.terms, searchWords: text.searchWords,
  };
}
