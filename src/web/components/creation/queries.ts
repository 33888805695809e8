// Reads and writes of the 双创 pages.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { QueryValue } from '../../api';
import { useWriteThenRead } from '../../queries';
import type { Page } from '../../types';
import type { Activity, Exchange, Figures, Honour, Pairing, ProjectDetail, ProjectPage } from './model';

export const CREATION_KEY = ['creation'] as const;

function useList<T>(what: string, params: Record<string, QueryValue>, enabled = true) {
  return useQuery({
    queryKey: [...CREATION_KEY, what, params],
    queryFn: ({ signal }) => api.get<T>(`/api/v1/creation/${what}`, params, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useProjects = (params: Record<string, QueryValue>) => useList<ProjectPage>('projects', params);
export const useActivities = (params: Record<string, QueryValue>) => useList<Page<Activity>>('activities', params);
export const usePairings = (params: Record<string, QueryValue>) => useList<Page<Pairing>>('pairings', params);
export const useHonours = (params: Record<string, QueryValue>) => useList<Page<Honour>>('honours', params);
export const useExchanges = (params: Record<string, QueryValue>) => useList<Page<Exchange>>('exchanges', params);
export const useFigures = (params: Record<string, QueryValue>) => useList<Figures>('figures', params);

export function useProject(id: string) {
  return useQuery({
    queryKey: [...CREATION_KEY, 'project', id],
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/api/v1/creation/projects/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** A write of the 双创 pages: afterwards everything of 双创 and the to-dos are read again. */
export const useCreationWrite = <V, R>(write: (values: V) => Promise<R>) => useWriteThenRead([CREATION_KEY], write);
