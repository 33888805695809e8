import { subjectsOf } from '../../core/audit/subjects.ts';
import type { Queryable } from '../../core/db/client.ts';
import type { Lang } from '../../core/errors.ts';

// What each duty entry is for, named as the audit log names its objects (core/audit/subjects.ts and
// the modules' audit-subjects.ts): the meeting's consultation, the proposal, the report, the contact…
// by its title now (not as the event once wrote it), with its page; an object deleted since is known
// by the title the entry kept, without a link.

export interface EntrySubject { title: string | null; href: string | null; gone: boolean }
interface EntryRow { kind: string; variant: string | null; sourceType: string; sourceId: string; href: string; title: string }

const CONSULTATION_PAGE = /^\/consultations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#]|$)/i;

/** The audit entity naming an entry's subject, and its id; null: the entry's own title says it (a contact, a year's written report, a pairing). */
function subjectKey(e: EntryRow): { entity: string; id: string } | null {
  switch (e.sourceType) {
    // A meeting's entries (attendance, leave, absence, speech) are for its consultation, whose page the event linked.
    case 'meeting': {
      const m = CONSULTATION_PAGE.exec(e.href);
      return m ? { entity: 'consultation', id: m[1]! } : null;
    }
    // (a pairing is named by its household, which is not shown outside the office: its kind says enough)
    case 'creationActivity': return e.variant === 'pairing' ? null : { entity: 'creationActivity', id: e.sourceId };
    // (a contact's entry holds its topics, rewritten with it, and goes with it; the annual report's, its year)
    case 'liaisonContact': case 'liaisonReport': return null;
    default: return { entity: e.sourceType, id: e.sourceId };
  }
}

/** Each entry's subject: title and page (the entry's own page where it has one, the member's view of it). */
export async function entrySubjects(db: Queryable, orgId: string, entries: EntryRow[], lang: Lang): Promise<EntrySubject[]> {
  const keyed = entries.map((e) => ({ e, key: subjectKey(e) }));
  const found = await subjectsOf(db, orgId, keyed.map(({ e, key }) => ({
    entity: key?.entity ?? '', entityId: key?.id ?? null, before: null, after: e.title ? { title: e.title } : null,
  })), lang);
  return keyed.map(({ e, key }, i) => {
    if (!key) return { title: e.title || null, href: e.href, gone: false };
    const s = found[i]!;
    return { title: s.entityTitle ?? (e.title || null), href: s.entityGone ? null : e.href, gone: s.entityGone };
  });
}
