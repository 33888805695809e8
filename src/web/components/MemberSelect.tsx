// Searchable select of members, asking the server (GET /api/v1/members?q=) as the user types.
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../api';
import { useI18n } from '../i18n';
import { keys } from '../queries';
import type { Member, Page } from '../types';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  /** The chosen member's record, for callers that need more than the id (e.g. the name). */
  onPick?: (member: Member) => void;
  /** Members not to offer (e.g. a proposal's proposer among its co-signers). */
  exclude?: string[];
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function MemberSelect({ value, onChange, id, placeholder, onPick, exclude }: Props) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  const found = useQuery({
    queryKey: [...keys.members, 'search', q],
    queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', { q, page: 1, pageSize: 20 }, signal),
    staleTime: 30_000,
  });
  // The current value may not be among the search results: fetch it for its label.
  const inResults = !!value && !!found.data?.items.some((m) => m.id === value);
  const current = useQuery({
    queryKey: [...keys.members, 'detail', value],
    queryFn: ({ signal }) => api.get<Member>(`/api/v1/members/${value}`, undefined, signal),
    enabled: !!value && !inResults,
    staleTime: 60_000,
  });

  const options = useMemo(() => {
    const label = (m: Member) => [m.name, m.sectorName, m.workplace].filter(Boolean).join(' · ');
    const list = (found.data?.items ?? []).filter((m) => !exclude?.includes(m.id)).map((m) => ({ value: m.id, label: label(m) }));
    if (value && current.data && !list.some((o) => o.value === value)) {
      list.unshift({ value: current.data.id, label: label(current.data) });
    }
    return list;
  }, [found.data, current.data, value, exclude]);

  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        onChange?.(v ?? null);
        const picked = v ? (found.data?.items.find((m) => m.id === v) ?? (current.data?.id === v ? current.data : undefined)) : undefined;
        if (picked) onPick?.(picked);
      }}
      placeholder={placeholder ?? t('user.memberSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? t('common.loading') : undefined}
    />
  );
}

/**
 * Several members, searched on the server as the user types; `known` gives the names of members
 * already chosen (e.g. a room's members), which the search need not have found.
 */
export function MembersSelect({ value = [], onChange, id, known = [] }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string; known?: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const found = useQuery({
    queryKey: [...keys.members, 'search', q],
    queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', { q, page: 1, pageSize: 20 }, signal),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const names: Record<string, string> = { ...Object.fromEntries(known.map((m) => [m.id, m.name])), ...picked };
    const list = (found.data?.items ?? []).map((m) => ({ value: m.id, label: [m.name, m.sectorName, m.workplace].filter(Boolean).join(' · ') }));
    for (const v of value) if (!list.some((o) => o.value === v)) list.unshift({ value: v, label: names[v] ?? v });
    return list;
  }, [found.data, known, picked, value]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(ids: string[]) => {
        const names = Object.fromEntries((found.data?.items ?? []).filter((m) => ids.includes(m.id)).map((m) => [m.id, m.name]));
        setPicked((p) => ({ ...p, ...names }));
        onChange?.(ids);
      }}
      placeholder={t('user.memberSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? t('common.loading') : undefined}
    />
  );
}
