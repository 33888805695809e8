// 协商活动: the committee's consultations of a year, by kind and step; staff open a new one.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Flex, InputNumber, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { ScopeSwitch, useCanRollUp, type Scope } from '../../components/ScopeSwitch';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { CreateConsultation } from '../../components/consultations/CreateConsultation';
import { KindTag, StateTag } from '../../components/consultations/tags';
import { KINDS, STATES } from '../../components/consultations/model';
import type { ConsultationState, ConsultationSummary, Kind } from '../../components/consultations/model';
import { useConsultations } from '../../components/consultations/queries';

export default function ConsultationsPage() {
  const { t, formatDate } = useI18n();
  const canRollUp = useCanRollUp();
  const { hasRole, user } = useAuth();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const year = Number(params.get('year')) || new Date().getFullYear();
  const kind = (params.get('kind') as Kind | null) ?? undefined;
  const state = (params.get('state') as ConsultationState | null) ?? undefined;
  const set = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  // 含下级: the public consultations of this committee and those below it, each with its committee.
  const scope: Scope = params.get('scope') === 'tree' ? 'tree' : 'own';
  const list = useConsultations({ year, kind, state, ...(scope === 'tree' ? { scope } : {}) });
  // Another committee's consultation (one of its public list) opens on its public page.
  const title = (c: ConsultationSummary) => <Link to={!c.orgId || c.orgId === user?.orgId ? `/consultations/${c.id}` : `/public/consultations/${c.id}`}>{c.title}</Link>;
  const late = (c: ConsultationSummary) => (c.lateTasks ? <Tag color="red">{t('consultation.late', { n: c.lateTasks })}</Tag> : null);
  const committee = (c: ConsultationSummary) => c.orgName && <Tag>{c.orgName}</Tag>;
  const columns: TableColumnsType<ConsultationSummary> = [
    { title: t('consultation.title'), key: 'title', render: (_, c) => title(c) },
    ...(scope === 'tree' ? [{ title: t('org.committee'), key: 'org', render: (_: unknown, c: ConsultationSummary) => committee(c) }] : []),
    { title: t('consultation.kind'), key: 'kind', render: (_, c) => <KindTag kind={c.kind} /> },
    { title: t('consultation.state'), key: 'state', render: (_, c) => <Flex gap={4} wrap><StateTag state={c.state} />{late(c)}</Flex> },
    { title: t('consultation.heldOn'), key: 'heldOn', render: (_, c) => (c.heldOn ? formatDate(c.heldOn) : c.meetingOn ? t('consultation.meetingSet', { date: formatDate(c.meetingOn) }) : t('common.none')) },
  ];
  const empty = <Empty description={t('consultation.empty')} />;
  return (
    <>
      <PageHeader
        title={t('nav.consultationList')}
        extra={hasRole('staff') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('consultation.new')}</Button>}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('consultation.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {canRollUp && <ScopeSwitch value={scope} onChange={(v) => set('scope', v === 'tree' ? v : undefined)} />}
        <InputNumber aria-label={t('consultation.year')} min={2000} max={2100} precision={0} value={year} onChange={(v) => set('year', v ?? undefined)} addonAfter={t('consultation.year')} style={{ width: 150 }} />
        <Select<Kind | ''> aria-label={t('consultation.kind')} value={kind ?? ''} onChange={(v) => set('kind', v)} style={{ minWidth: 200 }}
          options={[{ value: '', label: t('consultation.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`consultation.kind.${k}`) }))]} />
        <Select<ConsultationState | ''> aria-label={t('consultation.state')} value={state ?? ''} onChange={(v) => set('state', v)} style={{ minWidth: 160 }}
          options={[{ value: '', label: t('consultation.allStates') }, ...STATES.map((s) => ({ value: s, label: t(`consultation.state.${s}`) }))]} />
        <ExportButton href={withQuery('/api/v1/consultations.xlsx', { year, kind, state })} total={list.data?.total} />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {isMobile ? (
        <Flex vertical gap={8}>
          {list.isSuccess && !list.data.items.length && empty}
          {(list.data?.items ?? []).map((c) => (
            <Card size="small" key={c.id}>
              <Flex vertical gap={4}>
                <Typography.Text strong>{title(c)}</Typography.Text>
                <Flex gap={4} wrap>{committee(c)}<KindTag kind={c.kind} /><StateTag state={c.state} />{late(c)}</Flex>
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<ConsultationSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.isFetching} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: empty }} />
      )}
      <CreateConsultation open={creating} onClose={() => setCreating(false)} year={year} />
    </>
  );
}
