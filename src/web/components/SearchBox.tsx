// The header's search box: it leads to the search page (/search?q=). On a phone, an icon that opens the page.
import { useNavigate } from 'react-router-dom';
import { Button, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

export function SearchBox({ compact }: { compact?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (compact) return <Button type="text" icon={<SearchOutlined />} aria-label={t('search.box')} onClick={() => navigate('/search')} />;
  return (
    <Input.Search
      allowClear
      placeholder={t('search.box')}
      aria-label={t('search.box')}
      style={{ width: 220, verticalAlign: 'middle' }}
      onSearch={(v) => { if (v.trim()) navigate(`/search?q=${encodeURIComponent(v.trim())}`); }}
    />
  );
}
