// Reads and writes of the 双协 pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { keys } from '../../queries';
import type { Page } from '../../types';
import type { HistoryItem } from '../HistoryCard';
import type { Consultation, ConsultationState, ConsultationSummary, Kind, ListedRecommendation, Plan, PublicConsultation, Recommendation, RecommendationDetail, Task, TaskKey, TaskState, Topic, TopicDetail, TopicState } from './model';

export const consultationKey = ['consultations'] as const;
const path = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useConsultations(query: { year?: number; kind?: Kind; state?: ConsultationState; page?: number; pageSize?: number }) {
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
export function usePublicConsultations(query: { year?: number; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...consultationKey, 'public', query],
    queryFn: ({ signal }) => api.get<Page<PublicConsultation>>('/api/v1/consultations', { published: true, pageSize: 50, ...query }, signal),
  });
}

const topicPath = (id: string) => `/api/v1/consultations/topics/${encodeURIComponent(id)}`;

/** Topics the caller may read (without a login: the open and picked ones), the most supported first. */
export function useTopics(query: { year?: number; state?: TopicState; q?: string; page?: number; pageSize?: number }) {
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

export function usePlan(year: number) {
  return useQuery({ queryKey: [...consultationKey, 'plan', year], queryFn: ({ signal }) => api.get<Plan>('/api/v1/consultations/plan', { year }, signal) });
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
  create: (body: { title: string; kind: Kind; year: number; summary?: string; planItemId?: string }) => api.post<Consultation>('/api/v1/consultations', body),
  act: (id: string, action: string, body: object = {}) => api.post<Consultation>(`${path(id)}/actions/${encodeURIComponent(action)}`, body),
  task: (id: string, body: { key: TaskKey; included?: boolean; owner?: string | null; dueDate?: string | null; state?: TaskState; note?: string | null }) =>
    api.patch<Task[]>(`${path(id)}/checklist`, body),
  recommend: (id: string, body: { title: string; content: string }) => api.post(`${path(id)}/recommendations`, body),
  planItem: (body: { year: number; kind: Kind; month: number; topic: string; committeeId?: string | null }) => api.post('/api/v1/consultations/plan/items', body),
  adopt: (year: number) => api.post<Plan>('/api/v1/consultations/plan/adopt', { year }),
  propose: (body: { year: number; title: string; reason: string; suggestedKind?: Kind; suggestedOwner?: string }) => api.post<TopicDetail>('/api/v1/consultations/topics', body),
  topicAct: (id: string, action: string, body: object = {}) => api.post<TopicDetail>(`${topicPath(id)}/actions/${encodeURIComponent(action)}`, body),
};
