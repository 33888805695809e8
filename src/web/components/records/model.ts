// 履职档案: the server's shapes and the reads and writes of its pages.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { QueryValue } from '../../api';
import type { MessageKey } from '../../i18n';
import { keys } from '../../queries';
import type { Page } from '../../types';
import { todayInChina } from '../proposals/model';

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export type Warning = 'noProposal' | 'belowPass';

/** `subject`: what the entry is for (the meeting's consultation, the proposal, …) by its title now and its page (none once deleted). */
export interface DutyEntry {
  id: string; kind: string; variant: string | null; points: number; occurredOn: string; title: string; source: { type: string; id: string; href: string };
  subject: { title: string | null; href: string | null; gone: boolean };
}
export interface DutyRecord {
  member: { id: string; name: string; sectorId: string; sectorName: string };
  year: number; points: number; grade: Grade; warnings: Warning[];
  byKind: Record<string, { count: number; points: number }>;
  rank: { sector: { rank: number; size: number }; committees: { id: string; name: string; rank: number; size: number }[] };
  entries: DutyEntry[];
}
export interface TotalRow {
  memberId: string; name: string; sectorId: string; sectorName: string; points: number; counts: Record<string, number>;
  grade: Grade; sectorRank: number; sectorSize: number; committeeRank: number | null; warnings: Warning[];
}
export interface DutyRules { points: Record<string, number>; grades: { excellent: number; good: number; pass: number }; proposalBy: string; passCheckFrom: string }

export const thisYear = () => Number(todayInChina().slice(0, 4));
export const YEARS = (() => { const now = thisYear(); return [now, now - 1, now - 2]; })();

export const kindKey = (kind: string) => `records.kind.${kind}` as MessageKey;
export const variantKey = (variant: string) => `records.variant.${variant}` as MessageKey;
export const gradeKey = (g: Grade) => `records.grade.${g}` as MessageKey;
export const GRADE_COLORS: Record<Grade, string> = { excellent: 'gold', good: 'green', pass: 'blue', fail: 'red' };

const RECORDS_KEY = ['records'] as const;

export function useMyRecord(year: number, memberId?: string) {
  return useQuery({
    queryKey: [...RECORDS_KEY, 'record', memberId ?? 'me', year],
    queryFn: ({ signal }) => api.get<DutyRecord>(memberId ? `/api/v1/records/members/${encodeURIComponent(memberId)}` : '/api/v1/records/me', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTotals(params: Record<string, QueryValue>) {
  return useQuery({
    queryKey: [...RECORDS_KEY, 'totals', params],
    queryFn: ({ signal }) => api.get<Page<TotalRow>>('/api/v1/records', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRules() {
  return useQuery({ queryKey: [...RECORDS_KEY, 'rules'], queryFn: ({ signal }) => api.get<DutyRules>('/api/v1/records/rules', undefined, signal) });
}

/** A write of the records pages: afterwards the records and the to-dos are read again. */
export function useRecordsWrite<V, R>(write: (values: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
      void queryClient.invalidateQueries({ queryKey: keys.todos });
    },
  });
}
