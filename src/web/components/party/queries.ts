// Reads and writes of the party organisation and campaign pages.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { QueryValue } from '../../api';
import { useWriteThenRead } from '../../queries';
import { LIAISON_KEY } from '../liaison/queries';
import type { ItemList, Page } from '../../types';
import type { Campaign, Figure, GroupDetail, Idea, PartyActivity, PartyGroup } from './model';

export const PARTY_KEY = ['party'] as const;

export function useGroups() {
  return useQuery({ queryKey: [...PARTY_KEY, 'groups'], queryFn: ({ signal }) => api.get<ItemList<PartyGroup>>('/api/v1/party/groups', undefined, signal), select: (d) => d.items });
}

export function useGroup(id: string | null) {
  return useQuery({
    queryKey: [...PARTY_KEY, 'group', id],
    queryFn: ({ signal }) => api.get<GroupDetail>(`/api/v1/party/groups/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useActivities(params: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: [...PARTY_KEY, 'activities', params],
    queryFn: ({ signal }) => api.get<Page<PartyActivity>>('/api/v1/party/activities', params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFigures(year: number) {
  return useQuery({ queryKey: [...PARTY_KEY, 'figures', year], queryFn: ({ signal }) => api.get<{ year: number; figures: Figure[] }>('/api/v1/party/figures', { year }, signal) });
}

export function useCampaigns(params: Record<string, QueryValue> = {}) {
  return useQuery({ queryKey: [...PARTY_KEY, 'campaigns', params], queryFn: ({ signal }) => api.get<ItemList<Campaign>>('/api/v1/campaigns', params, signal), select: (d) => d.items });
}

export function useIdeas(campaignId: string | null, params: Record<string, QueryValue> = {}) {
  return useQuery({
    queryKey: [...PARTY_KEY, 'ideas', campaignId, params],
    queryFn: ({ signal }) => api.get<Page<Idea>>(`/api/v1/campaigns/${encodeURIComponent(campaignId!)}/ideas`, { pageSize: 200, ...params }, signal),
    enabled: !!campaignId,
  });
}

/** A write of these pages: afterwards everything of them (and of 双联, whose meeting opinions turn into drafts) and the to-dos are read again. */
export function usePartyWrite<V, R>(write: (values: V) => Promise<R>) {
  return useWriteThenRead([PARTY_KEY, LIAISON_KEY], write);
}
