// The committee's leaders, for 列为重点提案: GET /proposals/leaders (staff, leaders and admins may list them).
import { Select } from 'antd';
import { useProposalLeaders } from './queries';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

export function LeaderSelect({ id, value, onChange }: Props) {
  const leaders = useProposalLeaders();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      loading={leaders.isPending}
      status={leaders.isError ? 'error' : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      options={(leaders.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}
