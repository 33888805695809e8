// Related searches (GET /api/v1/search/related): chips that search again.
import { Link } from 'react-router-dom';
import { Flex, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { RelatedSearch } from '../pages/search/searchApi';
import { useOrgPath, usePublicOrgId } from './PublicOrgChooser';

export function RelatedSearches({ q }: { q: string }) {
  const { t } = useI18n();
  const orgId = usePublicOrgId();
  const orgPath = useOrgPath();
  const related = useQuery({
    // Asked afresh each time: the log grows with every search, this caller's too.
    queryKey: ['search', 'related', q, orgId], enabled: !!q.trim(), staleTime: 0,
    queryFn: () => api.get<{ items: RelatedSearch[] }>('/api/v1/search/related', { q: q.trim().slice(0, 100), orgId }),
  });
  const items = related.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Flex component="nav" aria-label={t('search.related')} wrap gap={8} align="center" style={{ margin: '16px 0' }}>
      <Typography.Text type="secondary">{t('search.related')}</Typography.Text>
      {items.map((r) => (
        <Tag key={r.q} style={{ marginInlineEnd: 0 }}><Link to={orgPath(`/search?q=${encodeURIComponent(r.q)}`)}>{r.q}</Link></Tag>
      ))}
    </Flex>
  );
}
