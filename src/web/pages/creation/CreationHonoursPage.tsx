// 表彰与交流 (staff, leaders): the honours members received and the 双创 experience-exchange
// meetings of a year and county; staff record both.
import { useState } from 'react';
import { Button, Card, Flex } from 'antd';
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { WhereFilters } from '../../components/creation/Filters';
import type { Where } from '../../components/creation/Filters';
import { ExchangeFormModal, HonourFormModal } from '../../components/creation/forms';
import { CreationList } from '../../components/creation/Lists';
import { thisYear } from '../../components/creation/model';
import { useExchanges, useHonours } from '../../components/creation/queries';

export default function CreationHonoursPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const office = hasRole('staff', 'admin');
  const [where, setWhere] = useState<Where>({ year: thisYear() });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const honours = useHonours({ ...where, ...page });
  const exchanges = useExchanges({ ...where, pageSize: 50 });
  const [open, setOpen] = useState<'honour' | 'exchange' | null>(null);
  return (
    <>
      <PageHeader title={t('nav.creationHonours')} extra={office && (
        <>
          <Button type="primary" icon={<TrophyOutlined />} onClick={() => setOpen('honour')}>{t('creation.addHonour')}</Button>
          <Button icon={<PlusOutlined />} onClick={() => setOpen('exchange')}>{t('creation.addExchange')}</Button>
        </>
      )} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <WhereFilters value={where} onChange={(w) => { setWhere(w); setPage((p) => ({ ...p, page: 1 })); }} />
      </Flex>
      <Flex vertical gap={16}>
        <Card size="small" title={t('creation.honours')}>
          <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={withQuery('/api/v1/creation/honours.xlsx', { ...where })} total={honours.data?.total} /></Flex>
          <CreationList kind="honours" query={honours} paging={{ ...page, onChange: (p, pageSize) => setPage({ page: p, pageSize }) }} />
        </Card>
        <Card size="small" title={t('creation.exchanges')}>
          <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={withQuery('/api/v1/creation/exchanges.xlsx', { ...where })} total={exchanges.data?.total} /></Flex>
          <CreationList kind="exchanges" query={exchanges} />
        </Card>
      </Flex>
      {open === 'honour' && <HonourFormModal open onClose={() => setOpen(null)} />}
      {open === 'exchange' && <ExchangeFormModal open onClose={() => setOpen(null)} />}
    </>
  );
}
