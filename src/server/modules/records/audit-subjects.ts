import { addAuditSubjects, yearNamed } from '../../core/audit/subjects.ts';

// A year's duty records, recomputed (core/audit/subjects.ts); a backfill is keyed by the committee and named by its kind alone.
addAuditSubjects('dutyRecords', yearNamed((y, lang) => (lang === 'en' ? `Duty records ${y}` : `${y} 年履职档案`), '/records'));
