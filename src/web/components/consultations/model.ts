// The shapes of the 双协 API (see src/server/modules/consultations).
import type { HandledItem, MyAssignment } from '../proposals/model';

export const KINDS = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector', 'online', 'frontline', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export const STATES = ['topic', 'preparing', 'consulting', 'assigning', 'handling', 'tracking', 'closed'] as const;
export type ConsultationState = (typeof STATES)[number];
export const TASK_KEYS = ['researchTrip', 'researchReport', 'speechBook', 'media', 'forum', 'recommendations', 'publicity', 'effect'] as const;
export type TaskKey = (typeof TASK_KEYS)[number];
export type TaskState = 'todo' | 'doing' | 'done';

export interface Task {
  key: TaskKey; owner: string | null; dueDate: string | null; state: TaskState; note: string | null; late: boolean;
  /** The uploaded document that is the item's deliverable. */
  deliverable: { id: string; filename: string; mime: string; size: number } | null;
}

export interface ConsultationSummary {
  id: string; title: string; kind: Kind; year: number; summary: string | null; state: ConsultationState; heldOn: string | null; lateTasks: number;
  /** The day its meeting is set for (the committee's own list). */
  meetingOn?: string | null;
  /** A frontline session's council room. */
  roomId: string | null;
  /** Online comments (网络议政). */
  comments: { open: boolean; moderation: 'pre' | 'post' };
  /** With scope=tree (含下级): the committee it belongs to. */
  orgId?: string; orgName?: string;
}
export interface Consultation extends Omit<ConsultationSummary, 'lateTasks'> { checklist: Task[]; topic: { id: string; title: string } | null }

/** A consultation in the public list (GET /consultations?published=true): nothing of the office's work; meetingOn once the meeting is under way. */
export type PublicConsultation = Pick<ConsultationSummary, 'id' | 'title' | 'kind' | 'year' | 'summary' | 'state' | 'heldOn' | 'comments' | 'meetingOn'>;
/** A recommendation as the public reads it: once assigned, with what was adopted and how far it is carried out. */
export type PublicRecommendation = Pick<Recommendation, 'id' | 'number' | 'title' | 'state' | 'outcome' | 'progress' | 'noOutcomeReason'> & { content: string };

// 开门式选题
export const TOPIC_STATES = ['proposed', 'shortlisted', 'picked', 'declined', 'merged'] as const;
export type TopicState = (typeof TOPIC_STATES)[number];
export interface Topic {
  id: string; year: number; title: string; reason: string; suggestedKind: Kind | null; suggestedOwner: string | null; state: TopicState;
  proposer: { kind: 'member' | 'unit' | 'office' | 'public'; name: string | null }; mine: boolean; supportCount: number; supportedByMe: boolean;
  answer: string | null; mergedIntoId: string | null; consultationId: string | null; planItemId: string | null; createdAt: string; updatedAt: string;
  /** Its consultation is on the public list (协商公开): the public may open it there. */
  consultationPublic: boolean;
}
export interface TopicDetail extends Topic {
  mergedInto: { id: string; title: string; state: TopicState } | null;
  consultation: { id: string; title: string; kind: Kind; state: ConsultationState } | null;
  planItem: { id: string; year: number; month: number; kind: Kind } | null;
}

export interface Recommendation {
  id: string; consultationId: string; number: number; title: string; state: string;
  outcome: { kind: string; title: string | null; number: string | null; date: string | null; measure: string | null; quantity: number | null } | null;
  progress: number | null; noOutcomeReason: string | null;
  lead: { unitName: string; dueOn: string; signed: boolean } | null;
  /** The latest reply of the lead unit. */
  lastReply: { unitName: string; category: string; content: string } | null;
}

/** A recommendation in GET /recommendations: with its consultation and, for a unit, its own assignment. */
export interface ListedRecommendation extends Recommendation { consultationTitle: string; myAssignment: MyAssignment | null }

/** One recommendation as its page shows it: the handling engine's record beside its consultation and outcome. */
export type RecommendationDetail = Omit<Recommendation, 'lead' | 'lastReply'> & HandledItem & {
  consultationTitle: string; content: string; progressNote: string | null; outcome: Recommendation['outcome'];
};

export interface PlanItem { id: string; kind: Kind; month: number; topic: string; committeeId: string | null; owner: string; consultationId: string | null; consultationState: ConsultationState | null; topicId: string | null }
/** The five counted forms of the x+N line, in its order (every other kind is one of the N). */
export const COUNTED_KINDS = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector'] as const;
/** An x+N line: its count of each counted form and of the others, and the compact formula ("0+0+1+0+0+0"). */
export type Line = Record<(typeof COUNTED_KINDS)[number] | 'others', number> & { text: string };
export interface Plan {
  year: number; adopted: boolean; adoptedAt: string | null; items: PlanItem[];
  byKind: { kind: Kind; planned: number; held: number }[]; plannedLine: Line; heldLine: Line;
}

/** A unit's part of the recommendations board (GET /recommendations/board). */
export interface RecBoardUnit {
  unitId: string; unitName: string; overdue: number; dueSoon: number;
  items: { recommendationId: string; consultationId: string; consultationTitle: string; title: string; state: string; dueOn: string; overdue: boolean; signed: boolean }[];
}

/** A 协商在一线 council room (GET /consultations/rooms): its host, counts, and whether I sit in it. */
export interface RoomSummary {
  id: string; name: string; place: string | null; note: string | null; active: boolean; mine: boolean;
  host: { kind: 'county' | 'unit'; id: string | null; name: string | null };
  members: number; sessions: number; held: number;
}
export interface Room extends RoomSummary {
  memberList: { id: string; name: string; sector: string | null; workplace: string | null; convener: boolean }[];
  sessionList: { id: string; title: string; year: number; state: ConsultationState; heldOn: string | null }[];
}
export type RoomTotals = { rooms: number; sessions: number; held: number; members: number };
/** scope=tree: `total` with the committees below, `byOrg` each one's; `byHost` stays the caller's committee's. */
export interface RoomFigures {
  byHost: { kind: 'county' | 'unit'; id: string; name: string; rooms: number; sessions: number; held: number; members: number }[];
  total: RoomTotals;
  scope?: 'own' | 'tree'; committees?: string[]; byOrg?: ({ orgId: string; org: string } & RoomTotals)[];
}
/** An inspection visit of a democratic-supervision item. */
export interface Visit {
  id: string; consultationId: string; visitedOn: string; place: string; participants: string | null; findings: string;
  members: { id: string; name: string | null }[];
}
