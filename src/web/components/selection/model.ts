// Shapes of the 优秀提案评选 API (GET /selections…), as the pages use them.

export type RoundState = 'open' | 'decided' | 'announced';
export type LevelActor = 'proposer' | 'staff' | 'leadUnit' | 'staffOrLeader';

export interface RoundSummary {
  id: string;
  year: number;
  name: string;
  state: RoundState;
  currentLevel: number;
  currentLevelName: string | null;
  levels: number;
  entries: number;
  excellent: number | null;
  announcedAt: string | null;
  createdAt: string;
}

export interface Level {
  id: string;
  position: number;
  key: string;
  name: string;
  actor: LevelActor;
  quota: number | null;
  state: 'closed' | 'current' | 'pending';
  entries: number;
  passed: number | null;
  closedAt: string | null;
}

/** A level as set up (PATCH /selections/:id); `key` is kept for an existing level, made up for a new one. */
export type LevelInput = Pick<Level, 'key' | 'name' | 'actor' | 'quota'>;
export const LEVEL_ACTORS: readonly LevelActor[] = ['proposer', 'staff', 'leadUnit', 'staffOrLeader'];

export interface Results {
  proposals: { proposalId: string; title: string; proposerName: string; leadUnitName: string | null; score: number | null; published: boolean }[];
  units: string[];
}

export interface Round {
  id: string;
  year: number;
  name: string;
  state: RoundState;
  currentLevel: number;
  levels: Level[];
  entries: number;
  createdAt: string;
  announcedAt: string | null;
  results: Results | null;
}

export interface Review { level: number; levelName: string; score: number; comment: string | null; reviewerName: string | null; at: string }

export interface Entry {
  id: string;
  proposalId: string;
  title: string;
  proposerName: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  nominatedAs: 'self' | 'staff';
  reason: string;
  nominatedAt: string;
  reached: number;
  excellent: boolean;
  outcome: 'pending' | 'passed' | 'out';
  score: number | null;
  myReview: { score: number; comment: string | null } | null;
  mayReview: boolean;
  mayWithdraw: boolean;
  reviews: Review[];
}

/** How far a level's scoring has come (GET /selections/:id/progress): a user where staff or leaders score, a lead unit where units do. */
export interface LevelProgress {
  level: number;
  scoring: boolean;
  entries: number;
  unscored: number;
  reviewers: { kind: 'user' | 'unit'; id: string | null; name: string | null; scored: number; total: number }[];
}

export interface Eligible { id: string; title: string; state: string; proposerName: string; submittedAt: string | null }

export interface Honour { kind: 'excellentProposal'; roundId: string; roundName: string; year: number; proposalId: string; title: string; role: 'proposer' | 'cosigner'; announcedAt: string | null }

export const ROUND_STATE_COLORS: Record<RoundState, string> = { open: 'processing', decided: 'gold', announced: 'green' };
export const OUTCOME_COLORS: Record<Entry['outcome'], string> = { pending: 'processing', passed: 'green', out: 'default' };
