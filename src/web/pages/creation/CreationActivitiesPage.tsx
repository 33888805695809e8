// 三个一与五送 (staff, leaders): the 五送 activities and the 三个一 pairings of a year and county;
// staff log them for members (a paper record). Households' names show to staff only.
import { useState } from 'react';
import { Button, Card, Flex, Select } from 'antd';
import { HeartOutlined, SendOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { WhereFilters } from '../../components/creation/Filters';
import type { Where } from '../../components/creation/Filters';
import { ActivityFormModal, PairingFormModal } from '../../components/creation/forms';
import { CreationList } from '../../components/creation/Lists';
import { ACTIVITY_KINDS, thisYear } from '../../components/creation/model';
import type { ActivityKind } from '../../components/creation/model';
import { useActivities, usePairings } from '../../components/creation/queries';

export default function CreationActivitiesPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const office = hasRole('staff', 'admin');
  const [where, setWhere] = useState<Where>({ year: thisYear() });
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [page, setPage] = useState({ activities: { page: 1, pageSize: 20 }, pairings: { page: 1, pageSize: 20 } });
  const activities = useActivities({ ...where, kind, ...page.activities });
  const pairings = usePairings({ ...where, ...page.pairings });
  const [open, setOpen] = useState<'activity' | 'pairing' | null>(null);
  const paging = (k: 'activities' | 'pairings') => ({ ...page[k], onChange: (p: number, pageSize: number) => setPage((s) => ({ ...s, [k]: { page: p, pageSize } })) });
  const first = () => setPage({ activities: { ...page.activities, page: 1 }, pairings: { ...page.pairings, page: 1 } });
  return (
    <>
      <PageHeader title={t('nav.creationActivities')} extra={office && (
        <>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('activity')}>{t('creation.logActivity')}</Button>
          <Button icon={<HeartOutlined />} onClick={() => setOpen('pairing')}>{t('creation.addPairing')}</Button>
        </>
      )} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <WhereFilters value={where} onChange={(w) => { setWhere(w); first(); }} />
      </Flex>
      <Flex vertical gap={16}>
        <Card size="small" title={t('creation.activities')} extra={
          <Select aria-label={t('creation.activityKind')} allowClear placeholder={t('creation.activityKind')} style={{ width: 120 }} value={kind}
            onChange={(k?: ActivityKind) => { setKind(k); first(); }} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`creation.activity.${k}`) }))} />
        }>
          <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={withQuery('/api/v1/creation/activities.xlsx', { ...where, kind })} total={activities.data?.total} /></Flex>
          <CreationList kind="activities" query={activities} paging={paging('activities')} />
        </Card>
        <Card size="small" title={t('creation.pairings')}>
          <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={withQuery('/api/v1/creation/pairings.xlsx', { ...where })} total={pairings.data?.total} /></Flex>
          <CreationList kind="pairings" query={pairings} paging={paging('pairings')} />
        </Card>
      </Flex>
      {open === 'activity' && <ActivityFormModal office open onClose={() => setOpen(null)} />}
      {open === 'pairing' && <PairingFormModal office open onClose={() => setOpen(null)} />}
    </>
  );
}
