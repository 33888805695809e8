// 委员档案: every field; phone and email only when the API returns them.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, CheckCircleOutlined, EditOutlined, SolutionOutlined, StopOutlined } from '@ant-design/icons';
import { ApiError, api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { ROSTER_EDITORS, SUPERVISORS } from '../layout/roles';
import { useIsMobile } from '../layout/useIsMobile';
import { keys, useSectorOptions } from '../queries';
import { MemberFormModal } from '../components/MemberFormModal';
import { PageHeader } from '../components/PageHeader';
import { QueryError } from '../components/QueryError';
import { HonoursCard } from '../components/selection/HonoursCard';
import { problemText } from '../components/formErrors';
import type { Member } from '../types';

export default function MemberProfilePage() {
  const { id = '' } = useParams();
  const { t, label, formatDateTime } = useI18n();
  const { hasRole, user } = useAuth();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [editOpen, setEditOpen] = useState(false);
  const [editMounted, setEditMounted] = useState(false);
  const canEdit = hasRole(...ROSTER_EDITORS);
  const sectors = useSectorOptions();

  const member = useQuery({
    queryKey: [...keys.members, 'detail', id],
    queryFn: ({ signal }) => api.get<Member>(`/api/v1/members/${encodeURIComponent(id)}`, undefined, signal),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });

  const setActive = useMutation({
    mutationFn: (active: boolean) =>
      active
        ? api.patch<Member>(`/api/v1/members/${encodeURIComponent(id)}`, { active: true })
        : api.del<Member>(`/api/v1/members/${encodeURIComponent(id)}`),
    onSuccess: (_data, active) => {
      message.success(t(active ? 'common.reactivated' : 'common.deactivated'));
      void queryClient.invalidateQueries({ queryKey: keys.members });
      void queryClient.invalidateQueries({ queryKey: keys.sectors });
    },
    onError: (err) => message.error(problemText(err)),
  });

  const back = (
    <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />
  );

  if (member.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (member.isError) {
    if (member.error instanceof ApiError && member.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('member.notFound')}
          extra={<Button onClick={() => navigate('/members')}>{t('nav.members')}</Button>}
        />
      );
    }
    return <QueryError error={member.error} onRetry={() => void member.refetch()} />;
  }

  const m = member.data;
  const sectorName = new Map((sectors.data ?? []).map((s) => [s.id, s.name]));
  const none = t('common.none');
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('member.name'), children: m.name },
    { key: 'gender', label: t('member.gender'), children: label('gender', m.gender) },
    { key: 'birthYear', label: t('member.birthYear'), children: m.birthYear ?? none },
    { key: 'ethnicity', label: t('member.ethnicity'), children: m.ethnicity || none },
    { key: 'party', label: t('member.party'), children: label('party', m.party) },
    { key: 'sector', label: t('member.sector'), children: m.sectorName || none },
    { key: 'standing', label: t('member.standing'), children: yesNo(m.standing) },
    { key: 'chairMeeting', label: t('member.chairMeeting'), children: yesNo(m.chairMeeting) },
    { key: 'partyGroup', label: t('member.partyGroup'), children: yesNo(m.partyGroup) },
    ...(m.partyGroup ? [{
      key: 'liaisonSectors', label: t('member.liaisonSectors'),
      children: m.liaisonSectorIds.length ? (
        <Space size={4} wrap>{m.liaisonSectorIds.map((id) => <Tag key={id}>{sectorName.get(id) ?? id}</Tag>)}</Space>
      ) : none,
    }] : []),
    {
      key: 'committees',
      label: t('member.committees'),
      children: m.committeeNames?.length ? (
        <Space size={4} wrap>
          {m.committeeNames.map((c) => (
            <Tag key={c}>{c}</Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    { key: 'county', label: t('member.county'), children: m.countyName || none },
    { key: 'workplace', label: t('member.workplace'), children: m.workplace || none },
    { key: 'title', label: t('member.title'), children: m.title || none },
  ];
  if ('phone' in m) {
    items.push({
      key: 'phone',
      label: t('member.phone'),
      children: m.phone ? <a href={`tel:${m.phone}`}>{m.phone}</a> : none,
    });
  }
  if ('email' in m) {
    items.push({
      key: 'email',
      label: t('member.email'),
      children: m.email ? <a href={`mailto:${m.email}`}>{m.email}</a> : none,
    });
  }
  if (m.createdAt) {
    items.push({ key: 'createdAt', label: t('member.createdAt'), children: formatDateTime(m.createdAt) });
  }
  items.push({
    key: 'active',
    label: t('member.active'),
    children: m.active ? <Tag color="green">{t('common.activeYes')}</Tag> : <Tag>{t('common.activeNo')}</Tag>,
  });

  return (
    <>
      <PageHeader
        back={back}
        title={m.name}
        extra={
          <>
            {(hasRole(...SUPERVISORS) || user?.memberId === m.id) && (
              <Button icon={<SolutionOutlined />} onClick={() => navigate(`/records/members/${m.id}`)}>{t('nav.records')}</Button>
            )}
            {canEdit && (
            <>
              <Button
                icon={<EditOutlined />}
                onClick={() => {
                  setEditMounted(true);
                  setEditOpen(true);
                }}
              >
                {t('common.edit')}
              </Button>
              {m.active ? (
                <Popconfirm
                  title={t('member.deactivateConfirm', { name: m.name })}
                  okText={t('common.deactivate')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => setActive.mutateAsync(false).catch(() => undefined)}
                >
                  <Button danger icon={<StopOutlined />} loading={setActive.isPending}>
                    {t('common.deactivate')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button icon={<CheckCircleOutlined />} loading={setActive.isPending} onClick={() => setActive.mutate(true)}>
                  {t('common.reactivate')}
                </Button>
              )}
            </>
            )}
          </>
        }
      />
      <Card title={t('member.profile')}>
        <Descriptions
          items={items}
          bordered
          size={isMobile ? 'small' : 'medium'}
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        />
      </Card>
      <div style={{ marginTop: 16 }}>
        <HonoursCard memberId={m.id} />
      </div>
      {editMounted && (
        <MemberFormModal
          open={editOpen}
          member={m}
          onClose={() => setEditOpen(false)}
          afterClose={() => setEditMounted(false)}
        />
      )}
    </>
  );
}
