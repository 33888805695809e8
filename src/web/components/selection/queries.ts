// Reads and writes of the 优秀提案评选 pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { keys } from '../../queries';
import type { ItemList, Page } from '../../types';
import type { HistoryItem } from '../HistoryCard';
import type { Eligible, Entry, Honour, LevelInput, LevelProgress, Round, RoundState, RoundSummary } from './model';

export const selectionKey = ['selections'] as const;
const path = (id: string) => `/api/v1/selections/${encodeURIComponent(id)}`;
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useRounds(query: { announced?: boolean; page?: number; pageSize?: number; orgId?: string } = {}) {
  return useQuery({
    queryKey: [...selectionKey, 'list', query],
    queryFn: ({ signal }) => api.get<Page<RoundSummary>>('/api/v1/selections', { pageSize: 50, ...query }, signal),
  });
}

export function useRound(id: string) {
  return useQuery({ queryKey: [...selectionKey, 'detail', id], queryFn: ({ signal }) => api.get<Round>(path(id), undefined, signal), retry: noRetryOn4xx });
}

/** A level's entries (its input only), best first; all of them, as the lists stay short. */
export function useEntries(id: string, level: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...selectionKey, 'entries', id, level],
    queryFn: ({ signal }) => api.get<Page<Entry> & { level: number }>(`${path(id)}/entries`, { level, pageSize: 200 }, signal),
    enabled,
    retry: noRetryOn4xx,
  });
}

/** A level's scoring progress: entries without a score, each reviewer's scored / total (staff, leaders, admins). */
export function useLevelProgress(id: string, level: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [...selectionKey, 'progress', id, level],
    queryFn: ({ signal }) => api.get<LevelProgress>(`${path(id)}/progress`, { level }, signal),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useEligible(id: string, q: string) {
  return useQuery({
    queryKey: [...selectionKey, 'eligible', id, q],
    queryFn: ({ signal }) => api.get<Page<Eligible>>(`${path(id)}/eligible`, { q, pageSize: 100 }, signal),
  });
}

/** The round's history (staff, leaders and admins). */
export function useSelectionHistory(id: string) {
  return useQuery({
    queryKey: [...selectionKey, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryItem<RoundState>[]>(`${path(id)}/history`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useHonours(memberId: string) {
  return useQuery({
    queryKey: [...selectionKey, 'honours', memberId],
    queryFn: ({ signal }) => api.get<ItemList<Honour>>(`/api/v1/members/${encodeURIComponent(memberId)}/honours`, undefined, signal),
    select: (d) => d.items,
  });
}

/** A write to a round; everything about selections is read again after it. */
export function useSelectionWrite<V>(fn: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: selectionKey });
      void queryClient.invalidateQueries({ queryKey: keys.todos });
    },
  });
}

export const writes = {
  create: (body: { year: number; name: string }) => api.post<Round>('/api/v1/selections', body),
  edit: (id: string, body: { name?: string; levels?: LevelInput[] }) => api.patch<Round>(path(id), body),
  nominate: (id: string, body: { proposalId: string; reason: string }) => api.post(`${path(id)}/nominations`, body),
  withdraw: (id: string, entryId: string) => api.post<Round>(`${path(id)}/entries/${encodeURIComponent(entryId)}/withdraw`),
  review: (id: string, entryId: string, body: { score: number; comment?: string }) => api.post<Entry>(`${path(id)}/entries/${encodeURIComponent(entryId)}/reviews`, body),
  close: (id: string, levelId: string, passIds: string[]) => api.post<Round>(`${path(id)}/levels/${encodeURIComponent(levelId)}/close`, { passIds }),
  announce: (id: string, unitIds: string[]) => api.post<Round>(`${path(id)}/announce`, { unitIds }),
};
