// 委员双创项目 (staff, leaders): the figures of a year and county, and the projects behind them,
// filtered alike; staff register projects for members. Money in 万元.
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { withQuery } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { FiguresPanel } from '../../components/creation/FiguresPanel';
import { WhereFilters } from '../../components/creation/Filters';
import type { Where } from '../../components/creation/Filters';
import { ProjectFormModal } from '../../components/creation/forms';
import { PROJECT_KINDS, PROJECT_STATES, thisYear, toWan } from '../../components/creation/model';
import type { Project, ProjectKind, ProjectState } from '../../components/creation/model';
import { useProjects } from '../../components/creation/queries';

export default function CreationProjectsPage() {
  const { t, formatDate } = useI18n();
  const { hasRole } = useAuth();
  const office = hasRole('staff', 'admin');
  const [search] = useSearchParams();
  const [where, setWhere] = useState<Where>({ year: Number(search.get('year')) || thisYear() });
  const [kind, setKind] = useState<ProjectKind | undefined>((search.get('kind') as ProjectKind | null) ?? undefined);
  const [state, setState] = useState<ProjectState | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const filters = { ...where, kind, state };
  const projects = useProjects({ ...filters, ...paging });
  const items = projects.data?.items ?? [];
  const columns: TableColumnsType<Project> = [
    { title: t('creation.name'), key: 'name', render: (_, p) => <RouterLink to={`/creation/projects/${p.id}`}>{p.name}</RouterLink> },
    { title: t('creation.kind'), key: 'kind', render: (_, p) => t(`creation.kind.${p.kind}`) },
    { title: t('creation.members'), key: 'members', render: (_, p) => p.memberNames.join(t('common.listSep')) },
    { title: t('creation.county'), key: 'county', render: (_, p) => p.countyName ?? t('common.none') },
    { title: t('creation.startedOn'), key: 'startedOn', render: (_, p) => formatDate(p.startedOn) },
    { title: t('creation.state'), key: 'state', render: (_, p) => <Tag>{t(`creation.state.${p.state}`)}</Tag> },
    { title: t('creation.investment'), key: 'investment', align: 'right', render: (_, p) => toWan(p.investment).toLocaleString() },
    { title: t('creation.jobs'), key: 'jobs', dataIndex: 'jobs', align: 'right' },
    { title: t('creation.poorHouseholds'), key: 'poor', dataIndex: 'poorHouseholds', align: 'right' },
  ];
  const reset = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPaging((p) => ({ ...p, page: 1 })); };
  return (
    <>
      <PageHeader title={t('nav.creationProjects')} extra={(
        <>
          <ExportButton href={withQuery('/api/v1/creation/projects.xlsx', filters)} total={projects.data?.total} />
          {office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('creation.newProject')}</Button>}
        </>
      )} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <WhereFilters value={where} onChange={reset(setWhere)} />
      </Flex>
      <FiguresPanel {...where} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select aria-label={t('creation.kind')} allowClear placeholder={t('creation.kind')} style={{ width: 160 }} value={kind} onChange={reset(setKind)}
          options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`creation.kind.${k}`) }))} />
        <Select aria-label={t('creation.state')} allowClear placeholder={t('creation.state')} style={{ width: 130 }} value={state} onChange={reset(setState)}
          options={PROJECT_STATES.map((s) => ({ value: s, label: t(`creation.state.${s}`) }))} />
      </Flex>
      <ResponsiveList<Project>
        items={items}
        rowKey="id"
        columns={columns}
        query={projects}
        emptyText={t('creation.noProjects')}
        paging={{ ...paging, total: projects.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        renderCard={(p) => (
          <Card size="small" title={<RouterLink to={`/creation/projects/${p.id}`}>{p.name}</RouterLink>} extra={<Tag>{t(`creation.state.${p.state}`)}</Tag>}>
            <Descriptions size="small" column={1} items={[
              { key: 'kind', label: t('creation.kind'), children: t(`creation.kind.${p.kind}`) },
              { key: 'members', label: t('creation.members'), children: p.memberNames.join(t('common.listSep')) },
              { key: 'county', label: t('creation.county'), children: p.countyName ?? t('common.none') },
              { key: 'investment', label: t('creation.investment'), children: toWan(p.investment).toLocaleString() },
              { key: 'jobs', label: t('creation.jobs'), children: p.jobs },
              { key: 'poor', label: t('creation.poorHouseholds'), children: p.poorHouseholds },
            ]} />
          </Card>
        )}
      />
      {adding && <ProjectFormModal office open onClose={() => setAdding(false)} />}
    </>
  );
}
