// The party organisation and campaigns as the pages see them (the shapes of /api/v1/party/* and /api/v1/campaigns/*).

export const GROUP_KINDS = ['leadingGroup', 'officeLeadingGroup', 'officeCommittee', 'branch', 'cell', 'memberGroup'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const ACTIVITY_KINDS = ['congress', 'branchCommittee', 'cellMeeting', 'lecture', 'themeDay', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface PartyGroup {
  id: string; kind: GroupKind; name: string; parentId: string | null; committeeId: string | null; countyOrgId: string | null;
  committeeName: string | null; countyName: string | null; active: boolean; memberCount: number;
}
export interface GroupEntry { id: string; groupId: string; memberId: string | null; userId: string | null; name: string; role: string }
export interface GroupDetail extends PartyGroup { members: GroupEntry[] }
export interface PartyActivity { id: string; groupId: string; groupName: string; groupKind: GroupKind; kind: ActivityKind; date: string; topic: string; attendees: { id: string; name: string }[] }
export interface Figure { key: string; label: string; value: number; unit: string; source: string }

export interface Campaign { id: string; title: string; theme: string; opensOn: string; closesOn: string; open: boolean; state: 'open' | 'upcoming' | 'closed'; ideas: number; adopted: number; mine?: number }
export interface Idea { id: string; campaignId: string; memberId: string; memberName: string | null; title: string; content: string; submittedOn: string; adopted: boolean; adoptedBy: string | null; adoptedOn: string | null }
