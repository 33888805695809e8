// Online comments (网络议政): the list, the live stream (EventSource), posting, votes and moderation.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api';
import type { Page } from '../../types';
import type { Kind, ConsultationState, PublicRecommendation } from './model';

export type Moderation = 'pre' | 'post';
export type Vote = 'support' | 'oppose';
export interface Comment {
  id: string; consultationId: string; seq: number | null; content: string; replyTo: string | null; authorName: string;
  status: 'visible' | 'held' | 'hidden'; supports: number; opposes: number; createdAt: string; myVote: Vote | null;
  heldFor?: 'pre' | 'sensitive' | null; hiddenReason?: string | null;
}
/** A consultation of the public list as anyone reads it (GET /consultations/:id?published=true): the live page's head and its public record. */
export interface LiveConsultation {
  id: string; orgId: string; title: string; kind: Kind; year: number; summary: string | null; state: ConsultationState;
  comments: { open: boolean; moderation: Moderation };
  heldOn: string | null;
  /** Its meeting once under way or over. */
  meeting: { on: string; startTime: string; place: string } | null;
  recommendations: PublicRecommendation[];
  /** Its visible comments. */
  commentCount: number;
}

const path = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
const noRetryOn4xx = (count: number, err: unknown) => !(err instanceof ApiError && err.status < 500) && count < 2;
export const commentsKey = (id: string) => ['consultations', 'comments', id] as const;

export function usePublicConsultation(id: string) {
  return useQuery({ queryKey: ['consultations', 'public', id], queryFn: ({ signal }) => api.get<LiveConsultation>(path(id), { published: true }, signal), retry: noRetryOn4xx });
}

/** The visible comments as they stand (a closed consultation's, read-only), newest first. */
export function useStandingComments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...commentsKey(id), 'standing'], enabled, retry: noRetryOn4xx,
    queryFn: ({ signal }) => api.get<Page<Comment>>(`${path(id)}/comments`, { pageSize: 100 }, signal),
  });
}

export const postComment = (id: string, body: { content: string; replyTo?: string }) => api.post<Comment>(`${path(id)}/comments`, body);
export const voteOn = (id: string, commentId: string, value: Vote | null) => api.post<Comment>(`${path(id)}/comments/${commentId}/vote`, { value });

/**
 * The visible comments, newest first, kept live: the first page from the list, then every event of
 * the stream (new comments, vote counts, hidden ones, the viewer count). The browser's EventSource
 * reconnects by itself and sends Last-Event-ID, so the server replays what it missed.
 */
export function useLiveComments(id: string, enabled: boolean) {
  const [items, setItems] = useState<Comment[] | null>(null);
  const [total, setTotal] = useState(0);
  const [viewers, setViewers] = useState<number | null>(null);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let gone = false;
    const ctrl = new AbortController();
    const upsert = (c: Comment) => setItems((list) => {
      const all = list ?? [];
      if (all.some((x) => x.id === c.id)) return all.map((x) => (x.id === c.id ? { ...x, ...c, myVote: x.myVote } : x));
      setTotal((n) => n + 1);
      return [c, ...all];
    });
    void api.get<Page<Comment>>(`${path(id)}/comments`, { pageSize: 100 }, ctrl.signal).then((page) => {
      if (gone) return;
      setItems(page.items);
      setTotal(page.total);
      const after = Math.max(0, ...page.items.map((c) => c.seq ?? 0));
      source = new EventSource(`${path(id)}/comments/stream?after=${after}`);
      source.onopen = () => setConnected(true);
      source.onerror = () => setConnected(false);
      source.addEventListener('comment', (e) => upsert({ myVote: null, ...(JSON.parse((e as MessageEvent<string>).data) as Omit<Comment, 'myVote'>) }));
      source.addEventListener('votes', (e) => {
        const v = JSON.parse((e as MessageEvent<string>).data) as { id: string; supports: number; opposes: number };
        setItems((list) => list?.map((x) => (x.id === v.id ? { ...x, supports: v.supports, opposes: v.opposes } : x)) ?? list);
      });
      source.addEventListener('hidden', (e) => {
        const { id: gone } = JSON.parse((e as MessageEvent<string>).data) as { id: string };
        setItems((list) => list?.filter((x) => x.id !== gone) ?? list);
        setTotal((n) => Math.max(0, n - 1));
      });
      source.addEventListener('viewers', (e) => setViewers((JSON.parse((e as MessageEvent<string>).data) as { count: number }).count));
    }, (err: unknown) => { if (!gone) setError(err); });
    return () => { gone = true; ctrl.abort(); source?.close(); setConnected(false); };
  }, [id, enabled]);

  /** After the caller's own post or vote: shown at once (the stream brings it too, once). */
  const mine = (c: Comment) => {
    if (c.status !== 'visible') return;
    setItems((list) => {
      const all = list ?? [];
      if (all.some((x) => x.id === c.id)) return all.map((x) => (x.id === c.id ? c : x));
      setTotal((n) => n + 1);
      return [c, ...all];
    });
  };
  return { items, total, viewers, connected, error, mine };
}

/** The themes of the visible comments (grouped on the server; asked again sooner while they are behind). */
export interface Themes {
  total: number; grouped: number; computedAt: string | null; stale: boolean; refreshing: boolean;
  themes: { key: string; size: number; words: string[]; representatives: { id: string; content: string; authorName: string; supports: number; opposes: number }[] }[];
}
export function useThemes(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...commentsKey(id), 'themes'], enabled, retry: noRetryOn4xx,
    queryFn: ({ signal }) => api.get<Themes>(`${path(id)}/themes`, undefined, signal),
    refetchInterval: (q) => (q.state.data?.refreshing || q.state.data?.stale ? 5_000 : 30_000),
  });
}

/** A comment with how it stands across groups (GET …/comments?order=consensus). */
export type RankedComment = Comment & { consensus: { score: number; supportingGroups: number; groups: Record<string, { supports: number; opposes: number }> } };
/** The most consensual visible comments, refreshed every half minute. */
export function useConsensus(id: string, enabled: boolean, pageSize = 5) {
  return useQuery({
    queryKey: [...commentsKey(id), 'consensus', pageSize], enabled, retry: noRetryOn4xx, refetchInterval: 30_000,
    queryFn: ({ signal }) => api.get<Page<RankedComment>>(`${path(id)}/comments`, { order: 'consensus', pageSize }, signal),
  });
}

/** Staff: the held comments, refreshed whenever the moderation queue's stream says something changed. */
export function useModerationQueue(id: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const held = useQuery({
    queryKey: [...commentsKey(id), 'held'], enabled,
    queryFn: ({ signal }) => api.get<Page<Comment>>(`${path(id)}/comments`, { status: 'held', pageSize: 100 }, signal),
  });
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`${path(id)}/comments/stream?queue=held`);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: [...commentsKey(id), 'held'] });
    source.addEventListener('held', refresh);
    source.addEventListener('moderated', refresh);
    return () => source.close();
  }, [id, enabled, queryClient]);
  return held;
}

export function useModerate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, action, reason }: { commentId: string; action: 'approve' | 'hide'; reason?: string }) =>
      api.post<Comment>(`${path(id)}/comments/${commentId}/${action}`, action === 'hide' ? { reason } : undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commentsKey(id) }),
  });
}

/** Staff: the committee's sensitive words (a comment with one waits for approval). */
export function useSensitiveWords(enabled: boolean) {
  return useQuery({ queryKey: ['moderation', 'sensitive-words'], enabled, queryFn: ({ signal }) => api.get<{ words: string[] }>('/api/v1/moderation/sensitive-words', undefined, signal) });
}

export function useSaveSensitiveWords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (words: string[]) => api.put<{ words: string[] }>('/api/v1/moderation/sensitive-words', { words }),
    onSuccess: (data) => queryClient.setQueryData(['moderation', 'sensitive-words'], data),
  });
}
