// The header's search box: it leads to the search page (/search?q=). On a phone, an icon that opens the page.
import { useNavigate } from 'react-router-dom';
import { Button, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

/** `path`: the search page, with the committee a visitor chose (PublicOrgChooser) where it has one. */
export function SearchBox({ compact, path = '/search' }: { compact?: boolean; path?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (compact) return <Button type="text" icon={<SearchOutlined />} aria-label={t('search.box')} onClick={() => navigate(path)} />;
  return (
    <Input.Search
      allowClear
      placeholder={t('search.box')}
      aria-label={t('search.box')}
      style={{ width: 220, verticalAlign: 'middle' }}
      onSearch={(v) => { if (v.trim()) navigate(`${path}${path.includes('?') ? '&' : '?'}q=${encodeURIComponent(v.trim())}`); }}
    />
  );
}
