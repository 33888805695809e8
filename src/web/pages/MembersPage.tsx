// 委员名录: search, filters, table on desktop, cards on phones. Filters live in the URL.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { useIsMobile } from '../layout/useIsMobile';
import { ROSTER_EDITORS } from '../layout/roles';
import { keys, useCommitteeOptions, useCounties, useMeta, useSectorOptions } from '../queries';
import { MemberFormModal } from '../components/MemberFormModal';
import { csvOf } from '../components/ExportButton';
import { PageHeader } from '../components/PageHeader';
import { ResponsiveList } from '../components/ResponsiveList';
import type { Member, Page } from '../types';

const FILTERS = ['q', 'sectorId', 'party', 'committeeId', 'countyOrgId', 'standing'] as const;
type FilterName = (typeof FILTERS)[number];

function MemberTags({ m }: { m: Member }) {
  const { t, label } = useI18n();
  return (
    <Space size={4} wrap>
      {m.party && <Tag color={m.party === '中共' ? 'red' : 'blue'}>{label('party', m.party)}</Tag>}
      {m.sectorName && <Tag>{m.sectorName}</Tag>}
      {m.standing && <Tag color="gold">{t('member.standing')}</Tag>}
      {!m.active && <Tag>{t('common.activeNo')}</Tag>}
    </Space>
  );
}

export default function MembersPage() {
  const { t, label } = useI18n();
  const { hasRole } = useAuth();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [modalMounted, setModalMounted] = useState(false);
  const canEdit = hasRole(...ROSTER_EDITORS);

  const meta = useMeta();
  const sectors = useSectorOptions();
  const committees = useCommitteeOptions();
  const counties = useCounties();

  const filter = (name: FilterName) => params.get(name) ?? undefined;
  const exportHref = withQuery('/api/v1/members/export', Object.fromEntries(FILTERS.map((f) => [f, filter(f)])));
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const query = { ...Object.fromEntries(FILTERS.map((f) => [f, filter(f)])), page, pageSize };

  const list = useQuery({
    queryKey: [...keys.members, 'list', query],
    queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', query, signal),
    placeholderData: keepPreviousData,
  });

  const setFilter = (name: FilterName, value: string | undefined) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  const setPage = (p: number, size: number) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('page', String(size !== pageSize ? 1 : p));
      next.set('pageSize', String(size));
      return next;
    });
  };
  const hasFilters = FILTERS.some((f) => params.has(f));

  const selectProps = (name: FilterName, placeholder: string) => ({
    allowClear: true,
    placeholder,
    'aria-label': placeholder,
    value: filter(name),
    onChange: (v: string | undefined) => setFilter(name, v),
    // Wide enough for its placeholder (in English "Special committee" passes 150 px): one `ch` per
    // letter plus the padding, the clear icon and the arrow.
    style: { minWidth: 130, flex: isMobile ? '1 1 140px' : `0 0 max(150px, calc(${placeholder.length}ch + 48px))` },
  });

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link>,
    },
    { title: t('member.gender'), dataIndex: 'gender', key: 'gender', render: (g: string | null) => label('gender', g) },
    { title: t('member.party'), dataIndex: 'party', key: 'party', render: (p: string) => label('party', p) },
    { title: t('member.sector'), dataIndex: 'sectorName', key: 'sectorName' },
    {
      title: t('member.standing'),
      dataIndex: 'standing',
      key: 'standing',
      render: (s: boolean) => (s ? <Tag color="gold">{t('member.standing')}</Tag> : null),
    },
    {
      title: t('member.committees'),
      dataIndex: 'committeeNames',
      key: 'committeeNames',
      render: (names: string[] | undefined) => (names?.length ? names.join(t('common.listSep')) : t('common.none')),
    },
    { title: t('member.county'), dataIndex: 'countyName', key: 'countyName', render: (c: string | null) => c || t('common.none') },
    { title: t('member.workplace'), dataIndex: 'workplace', key: 'workplace', render: (w: string | null) => w || t('common.none') },
    { title: t('member.title'), dataIndex: 'title', key: 'title', render: (w: string | null) => w || t('common.none') },
  ];

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('nav.members')}
        extra={
          canEdit && (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setModalMounted(true);
                  setCreating(true);
                }}
              >
                {t('member.add')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
                {t('member.import')}
              </Button>
              <Space.Compact>
                <Button icon={<DownloadOutlined />} href={exportHref} download>{t('member.export')}</Button>
                <Button href={csvOf(exportHref)} download aria-label={t('common.exportCsv')}>CSV</Button>
              </Space.Compact>
            </>
          )
        }
      />

      <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search">
        <Input.Search
          key={filter('q') ?? ''}
          defaultValue={filter('q')}
          allowClear
          placeholder={t('member.searchPlaceholder')}
          aria-label={t('member.searchPlaceholder')}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
          style={{ flex: '1 1 220px', maxWidth: isMobile ? undefined : 300 }}
        />
        <Select
          {...selectProps('sectorId', t('member.filterSector'))}
          showSearch={{ optionFilterProp: 'label' }}
          loading={sectors.isPending}
          options={(sectors.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          {...selectProps('party', t('member.filterParty'))}
          options={(meta.data?.parties ?? []).map((p) => ({ value: p, label: label('party', p) }))}
        />
        <Select
          {...selectProps('committeeId', t('member.filterCommittee'))}
          showSearch={{ optionFilterProp: 'label' }}
          options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        {!!counties.data?.length && (
          <Select
            {...selectProps('countyOrgId', t('member.filterCounty'))}
            options={counties.data.map((o) => ({ value: o.id, label: o.name }))}
          />
        )}
        <Select
          {...selectProps('standing', t('member.filterStanding'))}
          options={[
            { value: 'true', label: t('member.standingOnly') },
            { value: 'false', label: t('member.nonStanding') },
          ]}
        />
        {hasFilters && (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('common.reset')}</Button>
        )}
      </Flex>

      <ResponsiveList<Member>
        items={items}
        rowKey="id"
        columns={columns}
        renderCard={(m) => (
          <Link to={`/members/${m.id}`} style={{ display: 'block' }}>
            <Card size="small" hoverable>
              <Flex vertical gap={4}>
                <Typography.Text strong>{m.name}</Typography.Text>
                <MemberTags m={m} />
                {(m.workplace || m.title) && (
                  <Typography.Text type="secondary">{[m.workplace, m.title].filter(Boolean).join(' · ')}</Typography.Text>
                )}
              </Flex>
            </Card>
          </Link>
        )}
        query={list}
        emptyText={t('member.empty')}
        paging={{ page, pageSize, total, onChange: setPage }}
        table={{ onRow: (m) => ({ onClick: () => navigate(`/members/${m.id}`), style: { cursor: 'pointer' } }) }}
      />

      {modalMounted && (
        <MemberFormModal
          open={creating}
          onClose={() => setCreating(false)}
          afterClose={() => setModalMounted(false)}
          onSaved={(m) => navigate(`/members/${m.id}`)}
        />
      )}
    </>
  );
}
