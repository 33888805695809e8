// Reads and the one write path (workflow actions) of the proposal pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { keys } from '../../queries';
import type { ItemList, Todo } from '../../types';
import type { HistoryEntry, Proposal, ProposalAction, ProposalSettings } from './model';

const path = (id: string) => `/api/v1/proposals/${encodeURIComponent(id)}`;

// A 404 means "not yours to read": retrying will not change it.
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useProposal(id: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'detail', id],
    queryFn: ({ signal }) => api.get<Proposal>(path(id), undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useProposalActions(id: string, enabled = true) {
  return useQuery({
    queryKey: [...keys.proposals, 'actions', id],
    queryFn: ({ signal }) => api.get<ProposalAction[]>(`${path(id)}/actions`, undefined, signal),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useProposalHistory(id: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${path(id)}/history`, undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useProposalSettings() {
  return useQuery({
    queryKey: [...keys.proposals, 'settings'],
    queryFn: ({ signal }) => api.get<ProposalSettings>('/api/v1/proposals/settings', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useTodos(enabled = true) {
  return useQuery({
    queryKey: keys.todos,
    queryFn: ({ signal }) => api.get<ItemList<Todo>>('/api/v1/todos', undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}

/** Everything a proposal change can touch: lists, details, the board, to-dos, notifications. */
export function useInvalidateProposals() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.proposals });
    void queryClient.invalidateQueries({ queryKey: keys.todos });
    void queryClient.invalidateQueries({ queryKey: keys.notifications });
  };
}

/** POST /proposals/:id/actions/<action>; the answer is the updated proposal. */
export function useProposalAction(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: Record<string, unknown> }) =>
      api.post<Proposal>(`${path(id)}/actions/${action}`, body ?? {}),
    onSuccess: (updated) => {
      queryClient.setQueryData([...keys.proposals, 'detail', id], updated);
      invalidate();
    },
  });
}

export const proposalPath = path;
