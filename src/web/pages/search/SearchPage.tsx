// Search across everything: the box, the kinds as tabs with their counts, the years and categories with theirs (a count at the cap as the estimate, "约 6,300"), results with the hits
// marked (rendered as text with <mark>, never as HTML), pages, and related searches.
import { Link, useSearchParams } from 'react-router-dom';
import { Empty, Flex, Input, List, Segmented, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { Marked } from '../../components/Marked';
import { RelatedSearches } from '../../components/RelatedSearches';
import { usePublicOrgId } from '../../components/PublicOrgChooser';
import { KINDS, type SearchAnswer, type SearchItem, type SearchKind } from './searchApi';

const PAGE_SIZE = 20;

export default function SearchPage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  const kind = KINDS.includes(params.get('kind') as SearchKind) ? (params.get('kind') as SearchKind) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const year = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : undefined;
  const category = params.get('category')?.slice(0, 100) || undefined;
  const orgId = usePublicOrgId();
  // Another query, kind, year or category starts at page 1; the year and category are kept while the kind changes.
  const go = (next: { q?: string; kind?: SearchKind; page?: number; year?: number | null; category?: string | null }) => {
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    if (next.kind) p.set('kind', next.kind);
    const ny = next.year === undefined ? year : next.year;
    if (ny) p.set('year', String(ny));
    const nc = next.category === undefined ? category : next.category;
    if (nc) p.set('category', nc);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    // A visitor's committee (PublicOrgChooser) stays.
    const org = params.get('org');
    if (org) p.set('org', org);
    setParams(p);
  };
  const found = useQuery({
    queryKey: ['search', q, kind, year, category, page, orgId], enabled: !!q,
    queryFn: () => api.get<SearchAnswer>('/api/v1/search', { q, kind, year, category, page, pageSize: PAGE_SIZE, orgId }),
  });
  const counts = found.data?.counts ?? {};
  const all = KINDS.reduce((n, k) => n + (counts[k] ?? 0), 0);
  // A count at the cap shows the server's estimate, "约 6,300" (or "100+" without one): there are more than were counted.
  const shownCount = (n: number, capped: boolean, estimate?: number) => (!capped ? String(n) : estimate && estimate > n ? t('search.about', { n: estimate.toLocaleString() }) : `${n}+`);
  const kindCount = (k: SearchKind) => shownCount(counts[k] ?? 0, found.data?.capped?.includes(k) ?? false, found.data?.estimates?.[k]);
  const allEstimate = KINDS.reduce((n, k) => n + (found.data?.estimates?.[k] ?? counts[k] ?? 0), 0);
  const categories = found.data?.categories ?? [];
  const link = (i: SearchItem) => (i.kind === 'document' ? `${i.href}?q=${encodeURIComponent(q)}` : i.href);
  return (
    <>
      <PageHeader title={t('search.title')} />
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        enterButton
        size="large"
        placeholder={t('search.placeholder')}
        aria-label={t('search.box')}
        onSearch={(v) => go({ q: v.trim(), kind })}
        style={{ marginBottom: 12 }}
      />
      {!q ? <Empty description={t('search.prompt')} /> : (
        <>
          <div style={{ overflowX: 'auto', marginBottom: 8 }}>
            <Segmented<string>
              aria-label={t('search.kinds')}
              value={kind ?? 'all'}
              onChange={(v) => go({ kind: v === 'all' ? undefined : (v as SearchKind) })}
              options={[
                { value: 'all', label: `${t('search.all')} ${found.data ? shownCount(all, (found.data.capped?.length ?? 0) > 0, allEstimate) : ''}`.trim() },
                // The kinds with something found (and the one chosen): a visitor is not offered tabs that can hold nothing for them.
                ...KINDS.filter((k) => !found.data || (counts[k] ?? 0) > 0 || k === kind).map((k) => ({ value: k, label: `${t(`search.kind.${k}` as MessageKey)} ${found.data ? kindCount(k) : ''}`.trim() })),
              ]}
            />
          </div>
          <Flex justify="space-between" align="center" wrap gap={8}>
            {found.data && <Typography.Text type="secondary">{!found.data.totalCapped ? t('search.results', { total: found.data.total })
              : (found.data.totalEstimate ?? 0) > found.data.total ? t('search.resultsAbout', { estimate: found.data.totalEstimate!.toLocaleString(), total: found.data.total })
                : t('search.resultsCapped', { total: found.data.total })}</Typography.Text>}
            <Flex gap={8} wrap>
              {(categories.length > 0 || category) && (
                <Select<string> size="small" aria-label={t('search.category')} value={category ?? ''} style={{ minWidth: 130 }}
                  onChange={(c) => go({ kind, category: c || null })}
                  options={[{ value: '', label: t('search.allCategories') }, ...categories.map((c) => ({ value: c.category, label: `${c.category} (${c.count})` })),
                    ...(category && !categories.some((c) => c.category === category) ? [{ value: category, label: category }] : [])]} />
              )}
              {(found.data?.years.length ?? 0) > 0 && (
                <Select<number> size="small" aria-label={t('search.year')} value={year ?? 0} style={{ minWidth: 130 }}
                  onChange={(y) => go({ kind, year: y || null })}
                  options={[{ value: 0, label: t('search.allYears') }, ...found.data!.years.map((y) => ({ value: y.year, label: `${y.year} (${y.count})` })),
                    ...(year && !found.data!.years.some((y) => y.year === year) ? [{ value: year, label: String(year) }] : [])]} />
              )}
            </Flex>
          </Flex>
          <List<SearchItem>
            loading={found.isLoading}
            dataSource={found.data?.items ?? []}
            locale={{ emptyText: <Empty description={found.data?.words?.length === 0 ? t('search.tooCommon', { q }) : t('search.empty')} /> }}
            pagination={(found.data?.total ?? 0) > PAGE_SIZE ? { current: page, total: Math.min(found.data!.total, 500 * PAGE_SIZE), pageSize: PAGE_SIZE, onChange: (p) => go({ kind, page: p }), size: 'small', showSizeChanger: false } : false}
            renderItem={(i) => (
              <List.Item key={`${i.kind}:${i.id}`}>
                <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
                  <Flex gap={8} align="baseline" wrap>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`search.kind.${i.kind}` as MessageKey)}</Tag>
                    <Link to={link(i)} style={{ fontSize: 16, overflowWrap: 'anywhere' }}><Marked html={i.titleHtml} /></Link>
                  </Flex>
                  <Typography.Paragraph style={{ margin: 0, overflowWrap: 'anywhere' }}><Marked html={i.snippet} /></Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDate(i.date)}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          {/* After the search itself, which the log then holds. */}
          {found.data && <RelatedSearches q={q} />}
        </>
      )}
    </>
  );
}
