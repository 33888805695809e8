import { writeFile } from 'node:fs/promises';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../../core/db/client.ts';
import type { Actor } from '../../core/policies.ts';
import { orgs } from '../../core/schema.ts';
import { money, sourceNote } from './draft.ts';
import { renderSishuangDocx } from './docx.ts';
import { sishuangReport } from './report.ts';
import type { Scope } from '../org/oversight.ts';

// `tongxin report --year N [--out file.docx] [--org id] [--scope tree]`: the report as the office
// reads it, on the command line — the committee's own (the first top-level one unless --org names
// another), drafted as its staff would see it; --scope tree rolls it up over the committees below.

export async function printReport(db: Queryable, opts: { year: number; orgId?: string; out?: string; scope?: Scope }): Promise<string> {
  const [org] = opts.orgId
    ? await db.select().from(orgs).where(eq(orgs.id, opts.orgId))
    : await db.select().from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.createdAt)).limit(1);
  if (!org) throw new Error(opts.orgId ? `No committee ${opts.orgId}` : 'No committee in this database');
  const actor: Actor = { id: '00000000-0000-0000-0000-000000000000', orgId: org.id, username: 'cli', displayName: '命令行', roles: ['staff'], memberId: null, unitId: null };
  const report = await sishuangReport(db, actor, opts.year, undefined, opts.scope);
  if (opts.out) {
    await writeFile(opts.out, await renderSishuangDocx({ ...report, committee: org.name }));
    return `Wrote ${opts.out}: ${report.title}, ${report.figures.length} figures`;
  }
  const shown = (f: (typeof report.figures)[number]) => (f.unit === '元' ? money(f.value) : `${f.value}${f.unit}`);
  return [
    report.title, '',
    ...report.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => `  ${p}`), '']),
    '附：数据及其来源',
    ...report.figures.map((f) => `  ${f.label}：${shown(f)}  ${f.source || '—'}${f.field ? ` (∑ ${f.field})` : ''}${sourceNote(f)}`),
  ].join('\n');
}
