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
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function MemberSelect({ value, onChange, id, placeholder, onPick }: Props) {
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
    const list = (found.data?.items ?? []).map((m) => ({ value: m.id, label: label(m) }));
    if (value && current.data && !list.some((o) => o.value === value)) {
      list.unshift({ value: current.data.id, label: label(current.data) });
    }
    return list;
  }, [found.data, current.data, value]);

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
