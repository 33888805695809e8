// Reads and writes of the 社情民意 pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import type { QueryValue } from '../../api';
import { keys } from '../../queries';
import type { Page } from '../../types';
import type { HistoryItem } from '../HistoryCard';
import type { MemberCount, Opinion, OpinionAction, OpinionListItem, OpinionSettings, OpinionState, OpinionStats } from './model';

export const OPINION_KEY = ['opinions'] as const;
export const opinionPath = (id: string) => `/api/v1/opinions/${encodeURIComponent(id)}`;

// A 404 means "not yours to read": retrying will not change it.
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useOpinions(params: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...OPINION_KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<OpinionListItem>>('/api/v1/opinions', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOpinion(id: string) {
  return useQuery({
    queryKey: [...OPINION_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<Opinion>(opinionPath(id), undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useOpinionActions(id: string, enabled = true) {
  return useQuery({
    queryKey: [...OPINION_KEY, 'actions', id],
    queryFn: ({ signal }) => api.get<OpinionAction[]>(`${opinionPath(id)}/actions`, undefined, signal),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useOpinionHistory(id: string) {
  return useQuery({
    queryKey: [...OPINION_KEY, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryItem<OpinionState>[]>(`${opinionPath(id)}/history`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useOpinionSettings() {
  return useQuery({
    queryKey: [...OPINION_KEY, 'settings'],
    queryFn: ({ signal }) => api.get<OpinionSettings>('/api/v1/opinions/settings', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** The caller's reports this year against their quota (member null for a login that is no member's). */
export function useMyQuota() {
  return useQuery({
    queryKey: [...OPINION_KEY, 'quota'],
    queryFn: ({ signal }) => api.get<{ year: number; member: MemberCount | null }>('/api/v1/opinions/quota', undefined, signal),
  });
}

export function useOpinionStats(year: number) {
  return useQuery({
    queryKey: [...OPINION_KEY, 'stats', year],
    queryFn: ({ signal }) => api.get<OpinionStats>('/api/v1/opinions/stats', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Everything a report change can touch: lists, details, quota, to-dos, notifications. */
export function useInvalidateOpinions() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: OPINION_KEY });
    void queryClient.invalidateQueries({ queryKey: keys.todos });
    void queryClient.invalidateQueries({ queryKey: keys.notifications });
  };
}

/** POST /opinions/:id/actions/<action>; the answer is the updated report. */
export function useOpinionAction(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateOpinions();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: Record<string, unknown> }) => api.post<Opinion>(`${opinionPath(id)}/actions/${action}`, body ?? {}),
    onSuccess: (updated) => {
      queryClient.setQueryData([...OPINION_KEY, 'detail', id], updated);
      invalidate();
    },
  });
}
