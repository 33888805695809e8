// The leaders of the committee, for 列为重点提案. Only administrators may list users
// (GET /api/v1/users), so anyone else gets an explanation instead of a list.
import { useQuery } from '@tanstack/react-query';
import { Alert, Select } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { Page, UserAccount } from '../../types';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/** Whether this user can choose a leader at all. */
export function useCanListLeaders() {
  return useAuth().hasRole('admin');
}

export function LeaderSelect({ id, value, onChange }: Props) {
  const { t } = useI18n();
  const canList = useCanListLeaders();
  const users = useQuery({
    queryKey: [...keys.users, 'leaders'],
    queryFn: ({ signal }) => api.get<Page<UserAccount>>('/api/v1/users', { page: 1, pageSize: 200 }, signal),
    select: (d) => d.items.filter((u) => u.active && u.roles.includes('leader')),
    enabled: canList,
    staleTime: 60_000,
  });
  if (!canList) return <Alert type="info" showIcon title={t('proposal.form.leaderUnavailable')} />;
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      loading={users.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(users.data ?? []).map((u) => ({ value: u.id, label: u.displayName || u.username }))}
    />
  );
}
