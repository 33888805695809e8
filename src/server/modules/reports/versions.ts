import { and, desc, eq, sql } from 'drizzle-orm';
import { runCommand, type Ctx } from '../../core/command.ts';
import type { Queryable } from '../../core/db/client.ts';
import { conflict, invalid, notFound, say } from '../../core/errors.ts';
import type { Actor } from '../../core/policies.ts';
import { users } from '../../core/schema.ts';
import { fill, tokensOf, type Part, type Section, type SishuangDraft, type SishuangReport, type VersionInfo } from './draft.ts';
import { reportVersions, type EditedParagraph, type FigureNote } from './schema.ts';

// Versions of the report's prose. A version holds the paragraphs staff rewrote (templates with
// `{{figure-key}}` tokens); the report is always the fresh draft with a version's paragraphs laid
// over it, so regenerating refreshes every figure and keeps every edit. A paragraph whose figure
// the data no longer has is kept and flagged (Part.missing); one whose drafted wording the data
// has changed since it was rewritten is flagged too (Part.draftChanged). Version 1 is the draft:
// it is stored with the first save, so that it can be viewed and restored like any other.

const REPORT = 'sishuang';
type Row = typeof reportVersions.$inferSelect;
const DRAFTED: VersionInfo = { number: 1, note: '系统起草', createdAt: null, createdBy: null, restoredFrom: null };

const selectVersion = (db: Queryable) => db.select({ v: reportVersions, name: users.displayName }).from(reportVersions)
  .leftJoin(users, and(eq(users.orgId, reportVersions.orgId), eq(users.id, reportVersions.createdBy)));
const where = (orgId: string, year: number) => and(eq(reportVersions.orgId, orgId), eq(reportVersions.report, REPORT), eq(reportVersions.year, year));
const infoOf = ({ v, name }: { v: Row; name: string | null }): VersionInfo => ({
  number: v.number, note: v.note, createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy ? { id: v.createdBy, name: name ?? '' } : null, restoredFrom: v.restoredFrom,
});

/** The draft itself as the version shown (version 1): nothing rewritten over it. */
export const drafted = (latest: number) => ({ info: DRAFTED, paragraphs: {} as Record<string, EditedParagraph>, figures: {} as Record<string, FigureNote>, latest });

/** The version to show (the latest when `number` is not given) and the latest number; none stored yet is the draft, version 1. */
export async function versionOf(db: Queryable, orgId: string, year: number, number?: number) {
  const rows = await selectVersion(db).where(and(where(orgId, year), number ? eq(reportVersions.number, number) : undefined))
    .orderBy(desc(reportVersions.number)).limit(1);
  const [{ latest }] = number
    ? await db.select({ latest: sql<number>`coalesce(max(${reportVersions.number}), 1)::int` }).from(reportVersions).where(where(orgId, year)) as [{ latest: number }]
    : [{ latest: rows[0]?.v.number ?? 1 }];
  if (rows[0]) return { info: infoOf(rows[0]), paragraphs: rows[0].v.paragraphs, figures: rows[0].v.figures, latest };
  if (number && number !== 1) throw notFound('Report version');
  return drafted(latest);
}

/** The report: the draft's templates with the version's rewritten paragraphs over them, filled with the day's figures. */
export function compose(draft: SishuangDraft, version: Awaited<ReturnType<typeof versionOf>>): SishuangReport {
  const byKey = new Map(draft.figures.map((f) => [f.key, f]));
  const placed = new Set<string>();
  const sections: Section[] = draft.sections.map((s) => {
    const ids = s.paragraphs.map((_, i) => `${s.key}.${i}`);
    // A rewritten paragraph the draft no longer has (its id gone) is kept at the end of its section.
    const orphans = Object.keys(version.paragraphs).filter((id) => id.startsWith(`${s.key}.`) && !ids.includes(id));
    const parts = [...ids, ...orphans].map((id, i): Part & { text: string } => {
      placed.add(id);
      const edit = version.paragraphs[id];
      const drafted = s.paragraphs[i];
      const template = edit?.template ?? drafted!;
      const { text, missing } = fill(template, byKey, version.figures);
      return { id, template, edited: !!edit, missing, draftChanged: !!edit && edit.base !== drafted, text };
    });
    return { heading: s.heading, paragraphs: parts.map((p) => p.text), parts: parts.map(({ text: _, ...p }) => p) };
  });
  return { year: draft.year, title: draft.title, sections, figures: draft.figures, version: version.info, latestVersion: version.latest };
}

/** Every version of the year's report, newest first (version 1, the draft, even before anyone saved). */
export async function listVersions(db: Queryable, actor: Actor, year: number) {
  const rows = await selectVersion(db).where(where(actor.orgId, year)).orderBy(desc(reportVersions.number));
  const items = rows.length
    ? rows.map((r) => ({ ...infoOf(r), edited: Object.keys(r.v.paragraphs).length }))
    : [{ ...DRAFTED, edited: 0 }];
  return { items, total: items.length };
}

export interface ParagraphEdit { id: string; template: string }

/**
 * Saves staff's rewritten paragraphs as a new version over the latest (`basedOn` is the version the
 * editor started from: a newer one saved meanwhile is a 409, not a silent overwrite). A paragraph
 * written back to the draft's wording is no longer an edit. `draft` is the report's fresh draft.
 */
export function saveVersion(ctx: Ctx, draft: SishuangDraft, input: { basedOn: number; note: string; paragraphs: ParagraphEdit[] }) {
  return runCommand(ctx, async (c) => {
    c.authorize('report.edit');
    const drafted = new Map(draft.sections.flatMap((s) => s.paragraphs.map((p, i): [string, string] => [`${s.key}.${i}`, p])));
    const known = new Set(draft.figures.map((f) => f.key));
    const latest = await lockLatest(c.tx, c.actor.orgId, draft.year);
    const seen = new Set<string>();
    input.paragraphs.forEach((p, i) => {
      if (!drafted.has(p.id) && !latest.paragraphs[p.id]) throw invalid(`/paragraphs/${i}/id`, say(`报告中没有段落 ${p.id}`, `The report has no paragraph ${p.id}`));
      if (seen.has(p.id)) throw invalid(`/paragraphs/${i}/id`, say('同一段落出现了两次', 'The same paragraph is given twice'));
      seen.add(p.id);
      const unknown = tokensOf(p.template).find((k) => !known.has(k) && !latest.figures[k]);
      if (unknown) throw invalid(`/paragraphs/${i}/template`, say(`没有名为 ${unknown} 的数据`, `No figure named ${unknown}`));
    });
    if (input.basedOn !== latest.number) {
      throw conflict(say(`报告已有更新的版本（第${latest.number}版），请刷新后再修改`, `A newer version (${latest.number}) was saved meanwhile: reload before editing`));
    }
    const paragraphs: Record<string, EditedParagraph> = { ...latest.paragraphs };
    for (const p of input.paragraphs) {
      const template = p.template.trim();
      if (template === drafted.get(p.id)) delete paragraphs[p.id];
      else if (paragraphs[p.id]?.template !== template) paragraphs[p.id] = { template, base: drafted.get(p.id) ?? '' };
    }
    return insertVersion(c, draft, latest, { paragraphs, note: input.note.trim(), restoredFrom: null });
  });
}

/** Makes an earlier version the latest again (as a new version: nothing is lost). */
export function restoreVersion(ctx: Ctx, draft: SishuangDraft, number: number, note: string) {
  return runCommand(ctx, async (c) => {
    c.authorize('report.edit');
    const latest = await lockLatest(c.tx, c.actor.orgId, draft.year);
    const [old] = await c.tx.select().from(reportVersions).where(and(where(c.actor.orgId, draft.year), eq(reportVersions.number, number)));
    if (!old) throw notFound('Report version');
    return insertVersion(c, draft, latest, { paragraphs: old.paragraphs, note: note.trim() || `恢复第${number}版`, restoredFrom: number, figures: old.figures });
  });
}

type Scope = Parameters<Parameters<typeof runCommand>[1]>[0];

/** The latest version, locked for this transaction (version 1, the draft, stored now if nobody saved yet). */
async function lockLatest(tx: Scope['tx'], orgId: string, year: number): Promise<Row> {
  // One writer per report at a time: the next number is taken under the lock.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`report_versions:${orgId}:${REPORT}:${year}`}))`);
  const [latest] = await tx.select().from(reportVersions).where(where(orgId, year)).orderBy(desc(reportVersions.number)).limit(1);
  if (latest) return latest;
  const [first] = await tx.insert(reportVersions).values({ orgId, report: REPORT, year, number: 1, note: DRAFTED.note }).returning();
  return first!;
}

async function insertVersion(c: Scope, draft: SishuangDraft, latest: Row, v: { paragraphs: Record<string, EditedParagraph>; note: string; restoredFrom: number | null; figures?: Record<string, FigureNote> }) {
  // The figures as they stand, and the last known ones of any token the data no longer has.
  const figures: Record<string, FigureNote> = { ...latest.figures, ...v.figures };
  for (const f of draft.figures) figures[f.key] = { label: f.label, unit: f.unit, value: f.value };
  const named = new Set(Object.values(v.paragraphs).flatMap((p) => tokensOf(p.template)));
  for (const k of Object.keys(figures)) if (!named.has(k) && !draft.figures.some((f) => f.key === k)) delete figures[k];
  const [row] = await c.tx.insert(reportVersions).values({
    orgId: c.actor.orgId, report: REPORT, year: draft.year, number: latest.number + 1,
    paragraphs: v.paragraphs, figures, note: v.note, createdBy: c.actor.id, restoredFrom: v.restoredFrom,
  }).returning();
  await c.record({ action: v.restoredFrom ? 'restore' : 'edit', entity: 'report', entityId: row!.id, after: { report: REPORT, year: draft.year, number: row!.number, restoredFrom: v.restoredFrom, paragraphs: Object.keys(v.paragraphs) } });
  return { ...infoOf({ v: row!, name: c.actor.displayName }), edited: Object.keys(v.paragraphs).length };
}
