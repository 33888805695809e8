// 双创 as the pages see it (the shapes of /api/v1/creation/*), and money in 万元.
import { todayInChina } from '../proposals/model';

export const PROJECT_KINDS = ['demonstrationBase', 'povertyBase', 'innovation', 'enterprise'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_STATES = ['planned', 'running', 'completed', 'suspended'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const ACTIVITY_KINDS = ['policy', 'technology', 'culture', 'medicine', 'warmth'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const MEMBER_LEVELS = ['provincial', 'city', 'county'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export interface Project {
  id: string; orgId: string; kind: ProjectKind; name: string; memberIds: string[]; memberNames: string[]; countyOrgId: string | null; countyName: string | null;
  level: MemberLevel; investment: number; jobs: number; poorHouseholds: number; state: ProjectState; startedOn: string; year: number; description: string;
  createdAt: string; updatedAt: string;
}
export interface ProjectFile { id: string; filename: string; mime: string; size: number; kind: 'photo' | 'document'; createdAt: string }
export interface ProjectDetail extends Project { files: ProjectFile[] }
export interface ProjectPage { items: Project[]; total: number; page: number; pageSize: number; sums: { investment: number; jobs: number; poorHouseholds: number } }

export interface Activity {
  id: string; kind: ActivityKind; date: string; year: number; place: string; countyOrgId: string | null; countyName: string | null;
  beneficiaries: number; memberIds: string[]; memberNames: string[]; summary: string;
}
export interface Pairing {
  id: string; memberId: string; memberName: string; householdName: string; householdPlace: string; practicalThing: string; suggestion: string;
  pairedOn: string; year: number; countyOrgId: string | null; countyName: string | null;
}
export interface Honour { id: string; memberId: string; memberName: string; level: HonourLevel; awardedBy: string; title: string; date: string; year: number; countyName: string | null }
export interface Exchange { id: string; date: string; year: number; place: string; topic: string; attendees: number; countyName: string | null }

export interface Figure { key: string; label: string; value: number; unit: string; source: string; field?: string }
export interface Figures { year: number | null; countyOrgId: string | null; figures: Figure[] }

export const thisYear = () => Number(todayInChina().slice(0, 4));
export const YEARS = (() => {
  const now = thisYear();
  return [now, now - 1, now - 2, now - 3];
})();

/** 元 → 万元, to two places. */
export const toWan = (yuan: number) => Math.round(yuan / 100) / 100;
/** 万元 → 元. */
export const fromWan = (wan: number) => Math.round(wan * 10_000);
