// 提案检索: full-text search over the proposals and replies the caller may read, with filters.
import { Card, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ProposalFilters, useUrlFilters } from '../../components/proposals/ProposalFilters';
import type { ProposalFilterName } from '../../components/proposals/ProposalFilters';
import { SearchResults } from '../../components/proposals/SearchResults';

const FILTERS: ProposalFilterName[] = ['q', 'state', 'sessionId', 'unitId', 'domain', 'sectorId'];

export default function SearchPage() {
  const { t } = useI18n();
  const filters = useUrlFilters(FILTERS);
  return (
    <>
      <PageHeader title={t('nav.proposalSearch')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('proposal.search.intro')}</Typography.Paragraph>
      <Card>
        <ProposalFilters names={FILTERS} filters={filters} searchPlaceholder="proposal.search.placeholder" />
        <SearchResults filters={filters} linkTo={(id) => `/proposals/${id}`} exportable />
      </Card>
    </>
  );
}
