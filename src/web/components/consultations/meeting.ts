// The shapes and calls of a consultation's meeting (see src/server/modules/consultations/meeting-*.ts).
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { consultationKey } from './queries';
import type { ConsultationState, Task, TaskKey } from './model';

export interface FileRef { id: string; filename: string; mime: string; size: number; createdAt?: string }
export interface AgendaItem { time: string; title: string; speakerMemberId: string | null; speaker: string | null; speakerName?: string | null }
export type Attendance = 'present' | 'excused' | 'absent' | 'open';
export interface Invitee {
  memberId: string; name: string; sector: string | null; standing: boolean; invitedAt: string | null; reply: 'pending' | 'attend' | 'leave';
  leaveState: 'asked' | 'approved' | 'refused' | null; leaveReason?: string | null; leaveNote?: string | null;
  signedInAt: string | null; signedInHow: 'code' | 'staff' | null; attendance: Attendance;
}
export interface Meeting {
  consultationId: string; title: string; state: ConsultationState; date: string; time: string; place: string; agenda: AgendaItem[];
  invitationsBy: string; materialsBy: string; invitees: Invitee[];
  counts: { invitees: number; invited: number; attending: number; leaveAsked: number; excused: number; present: number; absent: number };
  mine: Invitee | null; materials: FileRef[]; speeches: (FileRef & { memberId: string; name: string | null })[];
  minutes: string | null; minutesFile: FileRef | null;
}
export interface Invitation {
  consultationId: string; title: string; date: string; time: string; place: string; reply: Invitee['reply']; leaveState: Invitee['leaveState'];
  leaveReason: string | null; leaveNote: string | null; signedInAt: string | null; attendance: Attendance; speaker: boolean;
}
export interface SignInScreen { title: string; date: string; place: string; code: string; expiresAt: string; periodSeconds: number; path: string; invited: number; present: number; excused: number }

const path = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
export const fileHref = (consultationId: string, fileId: string) => `${path(consultationId)}/files/${encodeURIComponent(fileId)}`;

/** The meeting, or null while the consultation has none (`exists`: the consultation names a meeting day; else it is not asked for). */
export function useMeeting(id: string, exists = true) {
  return useQuery({
    queryKey: [...consultationKey, 'meeting', id],
    enabled: exists,
    // (The consultation itself was found: a 404 here is a meeting not yet set.)
    queryFn: ({ signal }) => api.get<Meeting>(`${path(id)}/meeting`, undefined, signal).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  });
}

export function useMyInvitations() {
  return useQuery({ queryKey: [...consultationKey, 'invitations'], queryFn: ({ signal }) => api.get<Invitation[]>('/api/v1/consultations/invitations', undefined, signal) });
}

/** Working days before a meeting when invitations and materials are due; the holidays not counted (YYYY-MM-DD). */
export interface MeetingSettings { invitationDays: number; materialsDays: number; holidays: string[] }

export function useMeetingSettings() {
  return useQuery({
    queryKey: [...consultationKey, 'meetingSettings'],
    queryFn: ({ signal }) => api.get<MeetingSettings>('/api/v1/consultations/meeting-settings', undefined, signal),
  });
}

/** The sign-in screen, read again every few seconds: the code turns, the count grows. */
export function useSignInScreen(id: string) {
  return useQuery({
    queryKey: [...consultationKey, 'signInScreen', id],
    queryFn: ({ signal }) => api.get<SignInScreen>(`${path(id)}/meeting/sign-in-code`, undefined, signal),
    refetchInterval: 3000,
  });
}

export const meetingWrites = {
  schedule: (id: string, body: { date: string; time: string; place: string; agenda: Omit<AgendaItem, 'speakerName'>[] }) => api.put<Meeting>(`${path(id)}/meeting`, body),
  addInvitees: (id: string, body: { memberIds?: string[]; sectorIds?: string[]; committeeIds?: string[]; standing?: boolean }) => api.post<{ added: number }>(`${path(id)}/meeting/invitees`, body),
  removeInvitees: (id: string, memberIds: string[]) => api.post<{ removed: number }>(`${path(id)}/meeting/invitees/remove`, { memberIds }),
  invite: (id: string) => api.post<{ sent: number }>(`${path(id)}/meeting/invitations`, {}),
  reply: (id: string, body: { answer: 'attend' | 'leave'; reason?: string }) => api.post<Meeting>(`${path(id)}/meeting/reply`, body),
  decideLeave: (id: string, body: { memberId: string; approve: boolean; note?: string }) => api.post<Meeting>(`${path(id)}/meeting/leave`, body),
  signIn: (id: string, code: string) => api.post<{ signedIn: boolean }>(`${path(id)}/meeting/sign-in`, { code }),
  attendance: (id: string, body: { memberId: string; present: boolean }) => api.post<Meeting>(`${path(id)}/meeting/attendance`, body),
  minutes: (id: string, text: string) => api.put<Meeting>(`${path(id)}/meeting/minutes`, { text }),
  upload: (id: string, what: 'materials' | 'minutes/file' | 'speeches', file: File, memberId?: string) =>
    api.upload<FileRef>(`${path(id)}/meeting/${what}`, 'file', file, file.name, memberId ? { memberId } : undefined),
  deliverable: (id: string, key: TaskKey, file: File) => api.upload<{ file: FileRef; checklist: Task[] }>(`${path(id)}/checklist/deliverable`, 'file', file, file.name, { key }),
};
