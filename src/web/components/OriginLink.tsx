// Where a draft came from when another module made it (an opinion collected on a 双联 contact): a link back.
import { Link } from 'react-router-dom';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n';

export interface Origin { kind: string; id: string; label: string; href: string }

export function OriginLink({ origin }: { origin: Origin | null | undefined }) {
  const { t } = useI18n();
  if (!origin) return null;
  return (
    <Tooltip title={origin.label}>
      <Link to={origin.href}>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('liaison.origin')}</Tag>
      </Link>
    </Tooltip>
  );
}
