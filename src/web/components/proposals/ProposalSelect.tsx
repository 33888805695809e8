// Searchable select of the proposals another may be merged into (并案): filed and not yet replied to,
// newest session first (the server also requires the same session), asking the server as the user types.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { Page } from '../../types';
import { useNumberText } from './ProposalTags';
import type { ProposalListItem, ProposalState } from './model';

const MERGE_TARGETS: ProposalState[] = ['filed', 'assigned', 'handling'];

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The proposal being merged: not offered. */
  exclude?: string;
}

export function ProposalSelect({ id, value, onChange, exclude }: Props) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);

  const numberText = useNumberText();
  const params = { state: MERGE_TARGETS, q, sort: 'number', page: 1, pageSize: 20 };
  const found = useQuery({
    queryKey: [...keys.proposals, 'list', 'select', params],
    queryFn: ({ signal }) => api.get<Page<ProposalListItem>>('/api/v1/proposals', params, signal),
    staleTime: 30_000,
  });
  const options = (found.data?.items ?? [])
    .filter((p) => p.id !== exclude)
    .map((p) => ({ value: p.id, label: [numberText(p), p.title, p.proposerName].filter(Boolean).join(' · ') }));

  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      placeholder={t('proposal.form.mergeSearch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? t('common.loading') : undefined}
    />
  );
}
