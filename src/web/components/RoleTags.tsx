import { Tag } from 'antd';
import { useI18n } from '../i18n';
import type { Role } from '../types';

const COLORS: Record<Role, string> = {
  admin: 'red',
  staff: 'blue',
  leader: 'gold',
  member: 'green',
  unit: 'purple',
  public: 'default',
};

export function RoleTags({ roles }: { roles: Role[] }) {
  const { t } = useI18n();
  return (
    <span>
      {roles.map((r) => (
        <Tag key={r} color={COLORS[r]} style={{ marginInlineEnd: 4 }}>
          {t(`role.${r}`)}
        </Tag>
      ))}
    </span>
  );
}
