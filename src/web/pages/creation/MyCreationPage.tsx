// 我的双创 (phone first): my projects, a project registered, a 五送 activity or a 三个一 pairing
// logged in a few taps, and what I logged this year.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { HeartOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ActivityFormModal, PairingFormModal, ProjectFormModal } from '../../components/creation/forms';
import { CreationList } from '../../components/creation/Lists';
import { thisYear, toWan } from '../../components/creation/model';
import { useActivities, usePairings, useProjects } from '../../components/creation/queries';

export default function MyCreationPage() {
  const { t, formatDate } = useI18n();
  const year = thisYear();
  // Their own: a leader linked to a member reads everyone's otherwise (a member's lists hold only their own).
  const memberId = useUser().memberId ?? undefined;
  const projects = useProjects({ memberId, pageSize: 100 });
  const activities = useActivities({ memberId, year, pageSize: 20 });
  const pairings = usePairings({ memberId, pageSize: 20 });
  const [open, setOpen] = useState<'project' | 'activity' | 'pairing' | null>(null);
  const mine = projects.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('nav.myCreation')} />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: '-8px 0 0' }}>{t('creation.myIntro')}</Typography.Paragraph>
        <Flex wrap gap={8}>
          <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen('activity')}>{t('creation.logActivity')}</Button>
          <Button icon={<PlusOutlined />} onClick={() => setOpen('project')}>{t('creation.newProject')}</Button>
          <Button icon={<HeartOutlined />} onClick={() => setOpen('pairing')}>{t('creation.addPairing')}</Button>
        </Flex>
        <Card size="small" title={t('creation.myProjects')}>
          {projects.isError && <QueryError error={projects.error} onRetry={() => void projects.refetch()} />}
          {projects.isPending ? <Skeleton active /> : mine.length === 0 ? <Empty description={t('creation.noProjects')} /> : (
            <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))' }}>
              {mine.map((p) => (
                <Card size="small" key={p.id} data-project={p.name}>
                  <Flex vertical gap={4}>
                    <Flex justify="space-between" gap={8} align="center">
                      <RouterLink to={`/creation/projects/${p.id}`} style={{ fontSize: 16 }}>{p.name}</RouterLink>
                      <Tag>{t(`creation.state.${p.state}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary">{[t(`creation.kind.${p.kind}`), p.countyName, formatDate(p.startedOn)].filter(Boolean).join(' · ')}</Typography.Text>
                    <Typography.Text>{[t('creation.wan', { n: toWan(p.investment).toLocaleString() }), `${t('creation.jobs')} ${p.jobs}`, `${t('creation.poorHouseholds')} ${p.poorHouseholds}`].join(' · ')}</Typography.Text>
                  </Flex>
                </Card>
              ))}
            </div>
          )}
        </Card>
        <Card size="small" title={t('creation.myActivities')}>
          <CreationList kind="activities" query={activities} />
        </Card>
        <Card size="small" title={t('creation.myPairings')}>
          <CreationList kind="pairings" query={pairings} />
        </Card>
      </Flex>
      {open === 'project' && <ProjectFormModal office={false} open onClose={() => setOpen(null)} />}
      {open === 'activity' && <ActivityFormModal office={false} open onClose={() => setOpen(null)} />}
      {open === 'pairing' && <PairingFormModal office={false} open onClose={() => setOpen(null)} />}
    </>
  );
}
