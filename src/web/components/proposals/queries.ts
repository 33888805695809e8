// Reads and the one write path (workflow actions) of the proposal pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import { keys } from '../../queries';
import type { ItemList } from '../../types';
import type { HandledItem, HistoryEntry, KeyBoardItem, Proposal, ProposalAction, ProposalSettings, ProposalState, SupervisionEntry, SupervisionKind } from './model';

/** An item of the handling engine lives under its base path: /proposals, /recommendations. */
const path = (id: string, base = '/proposals') => `/api/v1${base}/${encodeURIComponent(id)}`;

// A 404 means "not yours to read": retrying will not change it.
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;

export function useProposal(id: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'detail', id],
    queryFn: ({ signal }) => api.get<Proposal>(path(id), undefined, signal),
    retry: noRetryOn4xx,
  });
}

export function useProposalActions(id: string, enabled = true, base?: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'actions', id],
    queryFn: ({ signal }) => api.get<ProposalAction[]>(`${path(id, base)}/actions`, undefined, signal),
    enabled,
    retry: noRetryOn4xx,
  });
}

export function useProposalHistory(id: string, base?: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'history', id],
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`${path(id, base)}/history`, undefined, signal),
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

/** An item's detail as its page read it (a proposal's or a recommendation's: the same key), without asking again. */
export function useCachedItem(id: string): HandledItem | undefined {
  return useQueryClient().getQueryData<HandledItem>([...keys.proposals, 'detail', id]);
}

/** A query's fields as an address would carry them: the empty ones (a title typed, no text yet) left out. */
const filled = (q: object) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== undefined && v !== null));

export interface SimilarProposal {
  id: string; title: string; score: number; state: ProposalState; thisSession: boolean;
  reply: { category: 'A' | 'B' | 'C'; excerpt: string } | null;
}

/**
 * Proposals most like a title and text (POST /proposals/similar), this session's first; staff also
 * see submitted ones. scope "open": only this session's, not yet answered (what to merge into).
 */
export function useSimilarProposals(q: { title: string; text: string; excludeId?: string; limit?: number; scope?: 'open' }, enabled = true) {
  return useQuery({
    queryKey: [...keys.proposals, 'similar', q],
    // (POST: a whole proposal's text is longer than an address may be)
    queryFn: ({ signal }) => api.post<SimilarProposal[]>('/api/v1/proposals/similar', filled({ limit: 5, ...q }), undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** How many of this session's near-duplicates the caller may not open (POST /proposals/similar/unseen): counted, not listed. */
export function useUnseenNearDuplicates(q: { title: string; text: string; excludeId?: string }, enabled = true) {
  return useQuery({
    queryKey: [...keys.proposals, 'similar-unseen', q],
    queryFn: ({ signal }) => api.post<{ thisSession: number }>('/api/v1/proposals/similar/unseen', filled(q), undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** The units most likely to handle it, from past assignments of similar proposals (staff, leaders). */
export function useSuggestedUnits(id: string) {
  return useQuery({
    queryKey: [...keys.proposals, 'suggested-units', id],
    queryFn: ({ signal }) => api.get<{ unitId: string; name: string; score: number }[]>(`${path(id)}/suggested-units`, undefined, signal),
    retry: noRetryOn4xx,
    staleTime: 60_000,
  });
}

/** Leaders who may lead-handle a key proposal (GET /proposals/leaders: staff, leaders, admins). */
export function useProposalLeaders() {
  return useQuery({
    queryKey: [...keys.proposals, 'leaders'],
    queryFn: ({ signal }) => api.get<ItemList<{ id: string; displayName: string }>>('/api/v1/proposals/leaders', undefined, signal),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

/** The key-proposal board; a leader sees the ones they lead unless `all`. */
export function useKeyBoard(all = false) {
  return useQuery({
    queryKey: [...keys.proposals, 'key', { all }],
    queryFn: ({ signal }) => api.get<ItemList<KeyBoardItem>>('/api/v1/proposals/key', all ? { all: true } : undefined, signal),
    select: (d) => d.items,
  });
}

export function useSupervision(id: string, enabled = true) {
  return useQuery({
    queryKey: [...keys.proposals, 'supervision', id],
    queryFn: ({ signal }) => api.get<ItemList<SupervisionEntry>>(`${path(id)}/supervision`, undefined, signal),
    select: (d) => d.items,
    enabled,
    retry: noRetryOn4xx,
  });
}

export interface SupervisionInput {
  kind: SupervisionKind;
  date: string;
  participants: string;
  outcome: string;
}

/** POST /proposals/:id/supervision (the leading leader or staff); the answer is the whole log. */
export function useLogSupervision(id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: (body: SupervisionInput) => api.post<ItemList<SupervisionEntry>>(`${path(id)}/supervision`, body),
    onSuccess: (log) => {
      queryClient.setQueryData([...keys.proposals, 'supervision', id], log);
      invalidate();
    },
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

/**
 * Actions after which the one who took them no longer reads the item, and the page they go to: a unit
 * returning it, to its inbox; the office sending it back (a draft again, the proposer's), to the review
 * queue; a co-signer declining a draft, to the other requests.
 */
export const LEAVE_FOR: Record<string, string> = { return: '/proposals/inbox', sendBack: '/proposals/review', declineCosign: '/proposals/cosign' };

/** POST <base>/:id/actions/<action>; the answer is the updated item (detail cached under its id). */
export function useProposalAction(id: string, base?: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProposals();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body?: Record<string, unknown> }) =>
      api.post<Proposal>(`${path(id, base)}/actions/${action}`, body ?? {}),
    onSuccess: (updated, { action }) => {
      if (action in LEAVE_FOR) {
        // Whoever did it may read it no more: the rest is asked again, not this item.
        void queryClient.invalidateQueries({ queryKey: keys.proposals, predicate: (q) => !q.queryKey.includes(id) });
        void queryClient.invalidateQueries({ queryKey: keys.todos });
        void queryClient.invalidateQueries({ queryKey: keys.notifications });
        return;
      }
      queryClient.setQueryData([...keys.proposals, 'detail', id], updated);
      invalidate();
    },
  });
}

export const proposalPath = path;
