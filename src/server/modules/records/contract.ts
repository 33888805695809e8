import type { DutyFact } from './rules.ts';

// The events of the shared contract (/tmp/events.md): `{ id, memberIds, occurredOn }` in the payload,
// taken as they come. The modules' duty.ts turn their rows into the same facts (the same keys) for a
// backfill, through contractFacts, so an event delivered after a backfill adds nothing twice.

/** Events of the shared contract: the kind they count as and where their record is (the payload's `href` wins). */
export const CONTRACT: Record<string, { kind: string; sourceType: string; href: (p: ContractPayload) => string }> = {
  'meetingAttendance.signedIn': { kind: 'meetingAttended', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'meetingLeave.approved': { kind: 'meetingLeave', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'meetingAttendance.absent': { kind: 'meetingAbsent', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'meetingSpeech.added': { kind: 'meetingSpeech', sourceType: 'meeting', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}?tab=meeting` : '/meetings') },
  'consultationTopic.proposed': { kind: 'topicProposed', sourceType: 'consultationTopic', href: (p) => `/consultations/topics/${p.id}` },
  'consultationComment.posted': { kind: 'commentPosted', sourceType: 'consultationComment', href: (p) => (p.consultationId ? `/consultations/${p.consultationId}` : `/consultations`) },
  'creationProject.created': { kind: 'creationProject', sourceType: 'creationProject', href: (p) => `/creation/projects/${p.id}` },
  'creationHonour.added': { kind: 'creationHonour', sourceType: 'creationHonour', href: () => '/creation/honours' },
  'creationActivity.logged': { kind: 'creationActivity', sourceType: 'creationActivity', href: () => '/creation/activities' },
  'partyActivity.logged': { kind: 'partyActivity', sourceType: 'partyActivity', href: () => '/party/mine' },
  'campaignIdea.submitted': { kind: 'campaignIdea', sourceType: 'campaignIdea', href: () => '/campaigns/mine' },
  'campaignIdea.adopted': { kind: 'campaignIdeaAdopted', sourceType: 'campaignIdea', href: () => '/campaigns/mine' },
  'liaisonMeeting.held': { kind: 'liaisonMeeting', sourceType: 'liaisonMeeting', href: () => '/liaison/meetings' },
  'consultationRoomSession.held': { kind: 'roomSession', sourceType: 'consultation', href: (p) => `/consultations/${p.id}` },
  'consultationVisit.added': { kind: 'supervisionVisit', sourceType: 'consultationVisit', href: (p) => `/consultations/${p.consultationId}` },
};

export interface ContractPayload { id: string; memberIds?: string[]; occurredOn?: string; kind?: string; title?: string; name?: string; href?: string; consultationId?: string }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The facts of a contract event, from its payload alone (one per member named). */
export function contractFacts(type: string, p: ContractPayload, createdAt: Date): DutyFact[] {
  const def = CONTRACT[type];
  if (!def || typeof p?.id !== 'string') return [];
  const occurredOn = typeof p.occurredOn === 'string' && DAY.test(p.occurredOn) ? p.occurredOn : createdAt.toISOString().slice(0, 10);
  const href = typeof p.href === 'string' && p.href.startsWith('/') ? p.href : def.href(p);
  const title = typeof p.title === 'string' ? p.title : typeof p.name === 'string' ? p.name : '';
  return [...new Set((Array.isArray(p.memberIds) ? p.memberIds : []).filter((m) => typeof m === 'string'))].map((memberId) => ({
    memberId, kind: def.kind, variant: typeof p.kind === 'string' ? p.kind : null, key: `${type}:${p.id}`,
    sourceType: def.sourceType, sourceId: p.id, href, title, occurredOn,
  }));
}


/** A module's rows as the events it emits for them would carry them: the same facts, the same keys (a backfill). */
export const factsAsEvents = (type: string, payloads: ContractPayload[]): DutyFact[] =>
  payloads.flatMap((p) => contractFacts(type, p, new Date()));
