// The shapes of the 双协 API (see src/server/modules/consultations).
import type { HandledItem, MyAssignment } from '../proposals/model';

export const KINDS = ['plenary', 'standing', 'bimonthly', 'supervision', 'sector', 'online', 'frontline', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export const STATES = ['topic', 'preparing', 'consulting', 'assigning', 'handling', 'tracking', 'closed'] as const;
export type ConsultationState = (typeof STATES)[number];
export const TASK_KEYS = ['researchTrip', 'researchReport', 'speechBook', 'media', 'forum', 'recommendations', 'publicity', 'effect'] as const;
export type TaskKey = (typeof TASK_KEYS)[number];
export type TaskState = 'todo' | 'doing' | 'done';

export interface Task { key: TaskKey; owner: string | null; dueDate: string | null; state: TaskState; note: string | null; late: boolean }

export interface ConsultationSummary {
  id: string; title: string; kind: Kind; year: number; summary: string | null; state: ConsultationState; heldOn: string | null; lateTasks: number;
  /** Online comments (网络议政). */
  comments: { open: boolean; moderation: 'pre' | 'post' };
}
export interface Consultation extends Omit<ConsultationSummary, 'lateTasks'> { checklist: Task[] }

export interface Recommendation {
  id: string; consultationId: string; number: number; title: string; state: string;
  outcome: { kind: string; title: string | null; number: string | null; date: string | null } | null;
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

export interface PlanItem { id: string; kind: Kind; month: number; topic: string; committeeId: string | null; owner: string; consultationId: string | null; consultationState: ConsultationState | null }
export interface Line { text: string }
export interface Plan {
  year: number; adopted: boolean; adoptedAt: string | null; items: PlanItem[];
  byKind: { kind: Kind; planned: number; held: number }[]; plannedLine: Line; heldLine: Line;
}

/** A unit's part of the recommendations board (GET /recommendations/board). */
export interface RecBoardUnit {
  unitId: string; unitName: string; overdue: number; dueSoon: number;
  items: { recommendationId: string; consultationId: string; consultationTitle: string; title: string; state: string; dueOn: string; overdue: boolean; signed: boolean }[];
}
