import { sql } from 'drizzle-orm';
import { addAuditSubjects, rowsById } from '../../core/audit/subjects.ts';
import { reportVersions as versions } from './schema.ts';

// A version of the 四双 report by its year and number (core/audit/subjects.ts).
addAuditSubjects('report', rowsById(versions, { orgId: versions.orgId, id: versions.id, title: (lang) => (lang === 'en' ? sql`${versions.year} || ' · version ' || ${versions.number}` : sql`${versions.year} || ' 年 · 第 ' || ${versions.number} || ' 版'`) }, () => '/reports/sishuang'));
