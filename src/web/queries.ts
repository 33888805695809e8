// Shared reads used across pages (option lists for selects and filters).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { Committee, ItemList, Membership, Meta, Org, Page, Sector, Term, Unit } from './types';

export const keys = {
  meta: ['meta'] as const,
  todos: ['todos'] as const,
  orgs: ['orgs'] as const,
  sectors: ['sectors'] as const,
  committees: ['committees'] as const,
  units: ['units'] as const,
  members: ['members'] as const,
  users: ['users'] as const,
  terms: ['terms'] as const,
  audit: ['audit'] as const,
  tokens: ['tokens'] as const,
  proposals: ['proposals'] as const,
  notifications: ['notifications'] as const,
  /** The committees of the signed-in person's account (under 'auth': kept across a login, keyed by the login). */
  memberships: (userId: string) => ['auth', 'memberships', userId] as const,
};

const OPTION_PAGE = { page: 1, pageSize: 200 };

export function useMeta() {
  return useQuery({
    queryKey: keys.meta,
    queryFn: ({ signal }) => api.get<Meta>('/api/v1/meta', undefined, signal),
    staleTime: Infinity,
  });
}

export function useOrgs(enabled = true) {
  return useQuery({
    queryKey: keys.orgs,
    enabled,
    queryFn: ({ signal }) => api.get<ItemList<Org>>('/api/v1/orgs', undefined, signal),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}

export function useCounties() {
  const orgs = useOrgs();
  return { ...orgs, data: orgs.data?.filter((o) => o.level === 'county') };
}

export function useSectorOptions(enabled = true) {
  return useQuery({
    queryKey: [...keys.sectors, 'options'],
    queryFn: ({ signal }) => api.get<Page<Sector>>('/api/v1/sectors', OPTION_PAGE, signal),
    staleTime: 60_000,
    select: (d) => d.items,
    enabled,
  });
}

export function useCommitteeOptions() {
  return useQuery({
    queryKey: [...keys.committees, 'options'],
    queryFn: ({ signal }) => api.get<Page<Committee>>('/api/v1/committees', OPTION_PAGE, signal),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

export function useUnitOptions(enabled = true) {
  return useQuery({
    queryKey: [...keys.units, 'options'],
    queryFn: ({ signal }) => api.get<Page<Unit>>('/api/v1/units', OPTION_PAGE, signal),
    staleTime: 60_000,
    select: (d) => d.items,
    enabled,
  });
}

export function useTerms(enabled = true) {
  return useQuery({
    queryKey: [...keys.terms, 'options'],
    queryFn: ({ signal }) => api.get<ItemList<Term>>('/api/v1/terms', undefined, signal),
    staleTime: 60_000,
    select: (d) => d.items,
    enabled,
  });
}

/** A write after which the queries under these keys, and the to-dos, are read again. */
export function useWriteThenRead<V, R>(roots: readonly (readonly unknown[])[], write: (values: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      for (const queryKey of [...roots, keys.todos]) void queryClient.invalidateQueries({ queryKey });
    },
  });
}

/** The committees of the signed-in person's account: the header's switch and 我的账户 list them. */
export function useMemberships(userId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.memberships(userId),
    queryFn: ({ signal }) => api.get<ItemList<Membership>>('/api/v1/auth/memberships', undefined, signal),
    staleTime: 60_000,
  });
}
