// Reads and writes of the 双协 pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { keys } from '../../queries';
import type { Page } from '../../types';
import type { HistoryItem } from '../HistoryCard';
import type { Consultation, ConsultationState, ConsultationSummary, Kind, ListedRecommendation, Plan, PublicConsultation, Recommendation, RecommendationDetail, Room, RoomFigures, RoomSummary, Task, TaskKey, TaskState, Topic, TopicDetail, TopicState, Visit } from './model';

export const consultationKey = ['consultations'] as const;
const path = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useConsultations(query: { year?: number; kind?: Kind; state?: ConsultationState; roomId?: string; page?: number; pageSize?: number; scope?: 'tree' }) {
  return useQuery({
    queryKey: [...consultationKey, 'list', query],
    queryFn: ({ signal }) => api.get<Page<ConsultationSummary>>('/api/v1/consultations', { pageSize: 50, ...query }, signal),
  });
}

export function useConsultation(id: string) {
  return useQuery({ queryKey: [...consultationKey, 'detail', id], queryFn: ({ signal }) => api.get<Consultation>(path(id), undefined, signal), retry: noRetryOn4xx });
}

export function useConsultationActions(id: string) {
  return useQuery({
    queryKey: [...consultationKey, 'actions', id],
    queryFn: ({ signal }) => api.get<{ action: string; label: string }[]>(`${path(id)}/actions`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useConsultationHistory(id: string) {
  return useQuery({
    queryKey: [...consultationKey, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryItem<ConsultationState>[]>(`${path(id)}/history`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useRecommendations(id: string) {
  return useQuery({
    queryKey: [...consultationKey, 'recommendations', id],
    queryFn: ({ signal }) => api.get<Recommendation[]>(`${path(id)}/recommendations`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

/** GET /recommendations: a unit's are those assigned to it, what it owes first. */
export function useListedRecommendations(query: { unitId?: string; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...keys.proposals, 'recommendations', query],
    queryFn: ({ signal }) => api.get<Page<ListedRecommendation>>('/api/v1/recommendations', query, signal),
  });
}

/** One recommendation, cached where the shared action bar puts the item it acted on. */
export function useRecommendation(id: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'detail', id],
    queryFn: ({ signal }) => api.get<RecommendationDetail>(`/api/v1/recommendations/${encodeURIComponent(id)}`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

/** The public list: consultations past their topic step (no login needed). */
export function usePublicConsultations(query: { year?: number; page?: number; pageSize?: number; orgId?: string }) {
  return useQuery({
    queryKey: [...consultationKey, 'public', query],
    queryFn: ({ signal }) => api.get<Page<PublicConsultation>>('/api/v1/consultations', { published: true, pageSize: 50, ...query }, signal),
  });
}

const topicPath = (id: string) => `/api/v1/consultations/topics/${encodeURIComponent(id)}`;

/** Topics the caller may read (without a login: the open and picked ones), the most supported first. */
export function useTopics(query: { year?: number; state?: TopicState; q?: string; page?: number; pageSize?: number; orgId?: string }) {
  return useQuery({
    queryKey: [...consultationKey, 'topics', query],
    queryFn: ({ signal }) => api.get<Page<Topic>>('/api/v1/consultations/topics', { pageSize: 50, ...query }, signal),
  });
}

export function useTopic(id: string) {
  return useQuery({ queryKey: [...consultationKey, 'topic', id], queryFn: ({ signal }) => api.get<TopicDetail>(topicPath(id), undefined, signal), retry: noRetryOn4xx });
}

export function useTopicActions(id: string, enabled = true) {
  return useQuery({
    queryKey: [...consultationKey, 'topicActions', id],
    queryFn: ({ signal }) => api.get<{ action: string; label: string }[]>(`${topicPath(id)}/actions`, undefined, signal),
    retry: noRetryOn4xx, enabled,
  });
}

export function useTopicHistory(id: string) {
  return useQuery({
    queryKey: [...consultationKey, 'topicHistory', id],
    queryFn: ({ signal }) => api.get<HistoryItem<TopicState>[]>(`${topicPath(id)}/history`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function usePlan(year: number, enabled = true) {
  return useQuery({ queryKey: [...consultationKey, 'plan', year], queryFn: ({ signal }) => api.get<Plan>('/api/v1/consultations/plan', { year }, signal), enabled });
}

const roomPath = (id: string) => `/api/v1/consultations/rooms/${encodeURIComponent(id)}`;

export function useRooms(query: { mine?: boolean }, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...consultationKey, 'rooms', query],
    queryFn: ({ signal }) => api.get<{ items: RoomSummary[] }>('/api/v1/consultations/rooms', query.mine ? { mine: true } : undefined, signal),
    select: (d) => d.items,
  });
}

export function useRoom(id: string) {
  return useQuery({ queryKey: [...consultationKey, 'room', id], queryFn: ({ signal }) => api.get<Room>(roomPath(id), undefined, signal), retry: noRetryOn4xx });
}

export function useRoomFigures(enabled: boolean, scope: 'own' | 'tree' = 'own') {
  return useQuery({
    queryKey: [...consultationKey, 'roomFigures', scope],
    queryFn: ({ signal }) => api.get<RoomFigures>('/api/v1/consultations/rooms/figures', { scope }, signal),
    enabled,
  });
}

export function useVisits(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...consultationKey, 'visits', id], queryFn: ({ signal }) => api.get<Visit[]>(`${path(id)}/visits`, undefined, signal), enabled, retry: noRetryOn4xx });
}

/** What the year's outcomes changed, counted per measure (GET /recommendations/measures; the office and leaders). */
export function useMeasures(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...consultationKey, 'measures', year],
    queryFn: ({ signal }) => api.get<{ items: { measure: string; quantity: number; recommendations: number }[] }>('/api/v1/recommendations/measures', { year }, signal),
    select: (d) => d.items,
    enabled,
  });
}

/** A write; everything about consultations is read again after it. */
export function useConsultationWrite<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: consultationKey });
      void queryClient.invalidateQueries({ queryKey: keys.todos });
    },
  });
}

export const writes = {
  create: (body: { title: string; kind: Kind; year: number; summary?: string; planItemId?: string; roomId?: string }) => api.post<Consultation>('/api/v1/consultations', body),
  room: (body: { name: string; place?: string; hostCountyOrgId?: string; hostUnitId?: string; note?: string; memberIds?: string[]; convenerIds?: string[] }) =>
    api.post<Room>('/api/v1/consultations/rooms', body),
  editRoom: (id: string, body: { name?: string; place?: string | null; note?: string | null; active?: boolean }) => api.patch<Room>(roomPath(id), body),
  roomMembers: (id: string, body: { memberIds: string[]; convenerIds?: string[] }) => api.put<Room>(`${roomPath(id)}/members`, body),
  visit: (id: string, body: { visitedOn: string; place: string; memberIds?: string[]; participants?: string; findings: string }) => api.post<Visit>(`${path(id)}/visits`, body),
  act: (id: string, action: string, body: object = {}) => api.post<Consultation>(`${path(id)}/actions/${encodeURIComponent(action)}`, body),
  task: (id: string, body: { key: TaskKey; included?: boolean; owner?: string | null; dueDate?: string | null; state?: TaskState; note?: string | null }) =>
    api.patch<Task[]>(`${path(id)}/checklist`, body),
  recommend: (id: string, body: { title: string; content: string }) => api.post(`${path(id)}/recommendations`, body),
  planItem: (body: { year: number; kind: Kind; month: number; topic: string; committeeId?: string | null }) => api.post('/api/v1/consultations/plan/items', body),
  adopt: (year: number) => api.post<Plan>('/api/v1/consultations/plan/adopt', { year }),
  propose: (body: { year: number; title: string; reason: string; suggestedKind?: Kind; suggestedOwner?: string }) => api.post<TopicDetail>('/api/v1/consultations/topics', body),
  topicAct: (id: string, action: string, body: object = {}) => api.post<TopicDetail>(`${topicPath(id)}/actions/${encodeURIComponent(action)}`, body),
};
