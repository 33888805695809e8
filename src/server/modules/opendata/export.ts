import { and, asc, eq, inArray, or, ne } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { redactContacts } from '../../core/text/redact.ts';
import { csvFile, sheet, type Column, type Table } from '../../core/xlsx.ts';
import { replies } from '../handling/schema.ts';
import { plenarySessions, terms, units } from '../org/schema.ts';
import { KIND } from '../proposals/access.ts';
import { KIND_NAMES } from '../proposals/export.ts';
import { sessionLabel } from '../proposals/queries.ts';
import { proposals } from '../proposals/schema.ts';
import { STATE_NAMES } from '../proposals/workflow.ts';
import { consultations } from '../consultations/schema.ts';
import { CONSULTATION_KIND_LABELS } from '../reports/figures.ts';
import { documentCategories, documents } from '../library/schema.ts';
import { visibleDocuments } from '../library/access.ts';

// The open-data export (as Decidim offers one): everything published, as CSV files in a ZIP with a
// README in Chinese and English — the published proposals and their replies, the public
// consultations, the public library's documents (their metadata, not their files). Every text
// goes through the one masking function of public rendering (redactContacts): no contact
// details leave. 社情民意 are internal documents of the committee and are not published, so
// they are not in it.

const day = (d: Date | string | null) => (d ? (typeof d === 'string' ? d : d.toISOString()).slice(0, 10) : '');
/** The consultation's steps as the web app names them (messages/consultations.ts). */
const CONSULTATION_STATES: Record<string, string> = {
  topic: '开门式选题', preparing: '标准式筹备', consulting: '互动式协商', assigning: '集中式交办', handling: '提案式办理', tracking: '跟踪式问效', closed: '已办结',
};

/** The table with every text cell masked as the public reads it (but the ids, whose digits are no phone number). */
function masked<T>(name: string, columns: Column<T>[], rows: T[]): Table {
  const t = sheet(name, columns, rows);
  const isId = t.header.map((h) => /(^|_)id$/.test(h));
  return { ...t, rows: t.rows.map((r) => r.map((c, i) => (typeof c === 'string' && !isId[i] ? redactContacts(c) : c))) };
}

export async function openDataTables(db: Queryable, orgId?: string): Promise<Record<string, Table>> {
  const inOrg = (col: AnyPgColumn) => (orgId ? eq(col, orgId) : undefined);
  const published = await db.select({
    id: proposals.id, committee: orgs.name, termNumber: terms.number, sessionNumber: plenarySessions.number, number: proposals.number,
    title: proposals.title, proposerName: proposals.proposerName, kind: proposals.kind, domain: proposals.domain, state: proposals.state,
    isKey: proposals.isKey, submittedAt: proposals.submittedAt, publishedAt: proposals.publishedAt, body: proposals.body,
  }).from(proposals)
    .innerJoin(orgs, eq(orgs.id, proposals.orgId))
    .leftJoin(plenarySessions, and(eq(plenarySessions.orgId, proposals.orgId), eq(plenarySessions.id, proposals.sessionId)))
    .leftJoin(terms, and(eq(terms.orgId, proposals.orgId), eq(terms.id, proposals.termId)))
    .where(and(eq(proposals.published, true), inOrg(proposals.orgId)))
    .orderBy(asc(orgs.name), asc(proposals.publishedAt), asc(proposals.id));
  type P = (typeof published)[number];
  const ids = published.map((p) => p.id);
  const answers = ids.length ? await db.select({
    proposalId: replies.itemId, unit: units.name, round: replies.round, category: replies.category, content: replies.content, createdAt: replies.createdAt,
  }).from(replies).innerJoin(units, and(eq(units.orgId, replies.orgId), eq(units.id, replies.unitId)))
    .where(and(eq(replies.itemKind, KIND), inArray(replies.itemId, ids), inOrg(replies.orgId))).orderBy(asc(replies.itemId), asc(replies.round), asc(replies.createdAt)) : [];
  type R = (typeof answers)[number];
  const publicConsultations = await db.select({
    id: consultations.id, committee: orgs.name, title: consultations.title, kind: consultations.kind, year: consultations.year, state: consultations.state,
    heldOn: consultations.heldOn, summary: consultations.summary,
  }).from(consultations).innerJoin(orgs, eq(orgs.id, consultations.orgId))
    // The public list's rule (listPublicConsultations): past the topic step, or with online comments open.
    .where(and(or(ne(consultations.state, 'topic'), eq(consultations.commentsOpen, true)), inOrg(consultations.orgId)))
    .orderBy(asc(orgs.name), asc(consultations.year), asc(consultations.id));
  type C = (typeof publicConsultations)[number];
  const docs = await db.select({
    id: documents.id, committee: orgs.name, number: documents.number, title: documents.title, category: documentCategories.name, format: documents.format,
    pages: documents.pages, size: documents.size, uploadedAt: documents.uploadedAt,
  }).from(documents).innerJoin(orgs, eq(orgs.id, documents.orgId))
    .leftJoin(documentCategories, and(eq(documentCategories.orgId, documents.orgId), eq(documentCategories.id, documents.categoryId)))
    .where(and(visibleDocuments(null), inOrg(documents.orgId))).orderBy(asc(orgs.name), asc(documents.number));
  type D = (typeof docs)[number];

  return {
    'proposals.csv': masked<P>('proposals', [
      { header: 'id', value: (p) => p.id }, { header: '政协', value: (p) => p.committee }, { header: '会议', value: (p) => sessionLabel(p.termNumber, p.sessionNumber) },
      { header: '编号', value: (p) => (p.number ? String(p.number).padStart(4, '0') : '') }, { header: '标题', value: (p) => p.title },
      { header: '提案人', value: (p) => p.proposerName }, { header: '类别', value: (p) => KIND_NAMES[p.kind] }, { header: '领域', value: (p) => p.domain },
      { header: '状态', value: (p) => STATE_NAMES[p.state] }, { header: '重点提案', value: (p) => (p.isKey ? '是' : '') },
      { header: '提交日期', value: (p) => day(p.submittedAt) }, { header: '公开日期', value: (p) => day(p.publishedAt) }, { header: '正文', value: (p) => p.body },
    ], published),
    'replies.csv': masked<R>('replies', [
      { header: 'proposal_id', value: (r) => r.proposalId }, { header: '承办单位', value: (r) => r.unit }, { header: '轮次', value: (r) => r.round },
      { header: '答复类别', value: (r) => r.category }, { header: '答复日期', value: (r) => day(r.createdAt) }, { header: '答复内容', value: (r) => r.content },
    ], answers),
    'consultations.csv': masked<C>('consultations', [
      { header: 'id', value: (c) => c.id }, { header: '政协', value: (c) => c.committee }, { header: '标题', value: (c) => c.title },
      { header: '形式', value: (c) => CONSULTATION_KIND_LABELS[c.kind as keyof typeof CONSULTATION_KIND_LABELS] ?? c.kind }, { header: '年度', value: (c) => c.year },
      { header: '状态', value: (c) => CONSULTATION_STATES[c.state] ?? c.state }, { header: '举行日期', value: (c) => day(c.heldOn) }, { header: '简介', value: (c) => c.summary },
    ], publicConsultations),
    'documents.csv': masked<D>('documents', [
      { header: 'id', value: (d) => d.id }, { header: '政协', value: (d) => d.committee }, { header: '编号', value: (d) => d.number }, { header: '标题', value: (d) => d.title },
      { header: '分类', value: (d) => d.category }, { header: '格式', value: (d) => d.format }, { header: '页数', value: (d) => d.pages }, { header: '大小（字节）', value: (d) => d.size },
      { header: '上传日期', value: (d) => day(d.uploadedAt) },
    ], docs),
  };
}

const README = (counts: Record<string, number>, at: string) => `# 同心 · 公开数据 / tongxin open data

导出时间 / Exported: ${at}

## 中文

本压缩包收录本平台已公开的全部内容，每类一个 CSV 文件（UTF-8 编码，带 BOM，可直接用 Excel 打开）：

| 文件 | 内容 | 行数 |
|---|---|---|
| proposals.csv | 已公开的提案（含正文） | ${counts['proposals.csv']} |
| replies.csv | 上述提案的办理答复，按 proposal_id 对应 proposals.csv 的 id | ${counts['replies.csv']} |
| consultations.csv | 公开的协商活动（已过选题阶段或正在网络议政） | ${counts['consultations.csv']} |
| documents.csv | 文库中公开文档的目录信息（不含文件本身） | ${counts['documents.csv']} |

所有文字均经公开渲染所用的同一脱敏函数处理：手机号、座机号、电子邮箱和身份证号已隐去。
社情民意信息为内部资料，不公开，因此不在其中。

## English

This archive holds everything this platform has published, one CSV file per kind (UTF-8 with a
byte-order mark, so that Excel opens it directly):

| File | Contents | Rows |
|---|---|---|
| proposals.csv | Published proposals, with their text | ${counts['proposals.csv']} |
| replies.csv | The handling units' replies to them; proposal_id is the id in proposals.csv | ${counts['replies.csv']} |
| consultations.csv | Public consultations (past the topic step, or taking online comments) | ${counts['consultations.csv']} |
| documents.csv | The public library documents' metadata (not the files) | ${counts['documents.csv']} |

Every text has passed through the same masking as every public page: mobile and landline numbers,
e-mail addresses and resident ID numbers are removed. 社情民意 (public-opinion reports) are internal
documents and are not published, so they are not included.
`;

/** The ZIP: a CSV file per table and the README. */
export async function openDataZip(db: Queryable, orgId?: string): Promise<Uint8Array> {
  const tables = await openDataTables(db, orgId);
  const { zipSync, strToU8 } = await import('fflate');
  const counts = Object.fromEntries(Object.entries(tables).map(([f, t]) => [f, t.rows.length]));
  const files: Record<string, Uint8Array> = { 'README.md': strToU8(README(counts, new Date().toISOString())) };
  for (const [name, t] of Object.entries(tables)) files[name] = new Uint8Array(csvFile([t]));
  return zipSync(files, { level: 6 });
}
