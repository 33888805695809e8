// Full-text search results (GET /proposals/search): each hit with its title and a snippet around
// the matched words, marked. The query and filters come from the URL, like the proposal lists.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Flex, List, Pagination, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { Page } from '../../types';
import { ExportButton } from '../ExportButton';
import { QueryError } from '../QueryError';
import type { Domain, NumberedIn, ProposalState } from './model';
import type { useUrlFilters } from './ProposalFilters';
import { StateTag, useNumberText } from './ProposalTags';

interface Hit extends NumberedIn {
  id: string;
  title: string;
  state: ProposalState;
  proposerName: string;
  domain: Domain | null;
  /** HTML the server escaped, with only <mark> added around the query's words. */
  highlight: { title: string; snippet: string; inReply: boolean };
}

interface Props {
  filters: ReturnType<typeof useUrlFilters>;
  published?: boolean;
  orgId?: string;
  linkTo: (id: string) => string;
  /** A 导出 Excel button: the same search (filters, relevance order) as .xlsx. */
  exportable?: boolean;
}

export function SearchResults({ filters, published, orgId, linkTo, exportable }: Props) {
  const { t } = useI18n();
  const numberText = useNumberText();
  const { q, ...rest } = filters.values;
  const searched = { ...rest, q, published, orgId };
  const params = { ...searched, page: filters.page, pageSize: filters.pageSize };
  const search = useQuery({
    queryKey: [...keys.proposals, 'search', params],
    queryFn: ({ signal }) => api.get<Page<Hit>>('/api/v1/proposals/search', params, signal),
    enabled: !!q,
    placeholderData: keepPreviousData,
  });
  if (!q) return <Empty description={t('proposal.search.prompt')} />;
  if (search.isError) return <QueryError error={search.error} onRetry={() => void search.refetch()} />;
  const total = search.data?.total ?? 0;
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        {search.data && <Typography.Text type="secondary">{t('proposal.search.count', { total })}</Typography.Text>}
        {exportable && <ExportButton href={withQuery('/api/v1/proposals/search.xlsx', searched)} total={total} />}
      </Flex>
      <List<Hit>
        loading={search.isFetching}
        dataSource={search.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('proposal.search.none')} /> }}
        renderItem={(h) => (
          <List.Item key={h.id}>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Link to={linkTo(h.id)} className="search-hit-title" dangerouslySetInnerHTML={{ __html: h.highlight.title }} />
              <Typography.Paragraph className="search-hit-snippet" style={{ margin: 0 }}>
                {h.highlight.inReply && <Typography.Text type="secondary">{t('proposal.search.inReply')}{t('common.labelSep')}</Typography.Text>}
                <span dangerouslySetInnerHTML={{ __html: h.highlight.snippet }} />
              </Typography.Paragraph>
              <Space size={6} wrap>
                <StateTag state={h.state} />
                <Typography.Text type="secondary">
                  {[numberText(h), h.proposerName, h.domain ? t(`proposal.domain.${h.domain}`) : null].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
            </Flex>
          </List.Item>
        )}
      />
      {total > filters.pageSize && (
        <Flex justify="center">
          <Pagination current={filters.page} pageSize={filters.pageSize} total={total} onChange={filters.setPage} showSizeChanger={false} />
        </Flex>
      )}
    </Flex>
  );
}
