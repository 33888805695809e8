// Reads and writes of the 双联 pages.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { QueryValue } from '../../api';
import { useWriteThenRead } from '../../queries';
import type { Page } from '../../types';
import type { Compliance, ContactDetail, ContactListItem, Counters, GraphSummary, LiaisonReport, Link } from './model';

export const LIAISON_KEY = ['liaison'] as const;

export function useLinks(params: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'links', params],
    queryFn: ({ signal }) => api.get<Page<Link>>('/api/v1/liaison/links', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useGraph(year: number, enabled = true) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'graph', year],
    queryFn: ({ signal }) => api.get<GraphSummary>('/api/v1/liaison/graph', { year }, signal),
    enabled,
  });
}

export function useContacts(params: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'contacts', params],
    queryFn: ({ signal }) => api.get<Page<ContactListItem>>('/api/v1/liaison/contacts', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'contact', id],
    queryFn: ({ signal }) => api.get<ContactDetail>(`/api/v1/liaison/contacts/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCompliance(year: number, scope: 'own' | 'tree' = 'own') {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'compliance', year, scope],
    queryFn: ({ signal }) => api.get<Compliance>('/api/v1/liaison/compliance', { year, scope }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCounters(params: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'counters', params],
    queryFn: ({ signal }) => api.get<Counters>('/api/v1/liaison/counters', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReports(year: number) {
  return useQuery({
    queryKey: [...LIAISON_KEY, 'reports', year],
    queryFn: ({ signal }) => api.get<LiaisonReport[]>('/api/v1/liaison/reports', { year }, signal),
  });
}

/** A write of the 双联 pages: afterwards everything of 双联 and the to-dos are read again. */
export function useLiaisonWrite<V, R>(write: (values: V) => Promise<R>) {
  return useWriteThenRead([LIAISON_KEY], write);
}
