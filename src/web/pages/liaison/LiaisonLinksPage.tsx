// 双联名单 (staff, leaders): the year's links by kind with their reasons; staff generate them by
// the rules and adjust them by hand (adjustments survive a regeneration).
import { useState } from 'react';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { problemText } from '../../components/formErrors';
import { ContactFormModal } from '../../components/liaison/ContactFormModal';
import { AddLinkModal, ReassignModal } from '../../components/liaison/LinkForms';
import { KindTag, MetTag } from '../../components/liaison/LinkTags';
import { LINK_KINDS, targetName, thisYear, YEARS } from '../../components/liaison/model';
import type { Link, LinkKind } from '../../components/liaison/model';
import { useGraph, useLiaisonWrite, useLinks } from '../../components/liaison/queries';
import { useReasonText } from '../../components/liaison/reasonText';

export default function LiaisonLinksPage() {
  const { t, formatDateTime } = useI18n();
  const why = useReasonText();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const manage = hasRole('staff', 'admin');
  const [year, setYear] = useState(thisYear());
  const [kind, setKind] = useState<LinkKind | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<Link | null>(null);
  const [logging, setLogging] = useState<Link | null>(null);
  const graph = useGraph(year);
  const list = useLinks({ year, kind, q: q || undefined, ...page });
  const generate = useLiaisonWrite(() => api.post<{ created: number; kept: number }>('/api/v1/liaison/links/generate', { year }));
  const remove = useLiaisonWrite((id: string) => api.del<Link>(`/api/v1/liaison/links/${id}`));
  const reset = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage((p) => ({ ...p, page: 1 })); };
  const to = (l: Link) => targetName(l, (sector) => t('liaison.massesOf', { sector }), l.kind);

  const actions = (l: Link) => manage && (
    <Space size={4} wrap>
      <Button size="small" onClick={() => setLogging(l)}>{t('liaison.logContact')}</Button>
      {l.kind !== 'masses' && <Button size="small" onClick={() => setMoving(l)}>{t('liaison.reassign')}</Button>}
      <Popconfirm title={t('liaison.removeConfirm')} onConfirm={() => remove.mutateAsync(l.id).then(() => message.success(t('liaison.removed')), (e) => message.error(problemText(e)))}>
        <Button size="small" danger>{t('liaison.remove')}</Button>
      </Popconfirm>
    </Space>
  );
  const columns: TableColumnsType<Link> = [
    { title: t('liaison.kind'), key: 'kind', render: (_, l) => <KindTag kind={l.kind} /> },
    { title: t('liaison.from'), key: 'from', render: (_, l) => l.fromName ?? l.committeeName },
    { title: t('liaison.to'), key: 'to', render: (_, l) => to(l) },
    { title: t('liaison.reason'), key: 'reason', render: (_, l) => <Space size={4} wrap>{why(l.reason)}{l.manual && <Tag>{t('liaison.manual')}</Tag>}</Space> },
    { title: t('liaison.board.met'), key: 'met', render: (_, l) => <Space size={4}><MetTag met={l.faceToFace > 0} /><Typography.Text type="secondary">{t('liaison.contacts', { n: l.contactCount })}</Typography.Text></Space> },
    ...(manage ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, l: Link) => actions(l) }] : []),
  ];

  const g = graph.data;
  return (
    <>
      <PageHeader
        title={t('nav.liaisonLinks')}
        extra={
          <>
            <Select aria-label={t('liaison.year')} value={year} onChange={reset(setYear)} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
            {manage && (
              <Popconfirm title={t('liaison.generateConfirm', { year })} onConfirm={() => generate.mutateAsync(undefined).then((r) => message.success(t('liaison.generated', r)), (e) => message.error(problemText(e)))}>
                <Button type="primary" icon={<ThunderboltOutlined />} loading={generate.isPending}>{t('liaison.generate')}</Button>
              </Popconfirm>
            )}
            {manage && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('liaison.addLink')}</Button>}
            <ExportButton href={`/api/v1/liaison/links.xlsx?year=${year}`} />
          </>
        }
      />
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{g?.version ? t('liaison.version', { version: g.version, time: formatDateTime(g.generatedAt) }) : t('liaison.notGenerated')}</Typography.Text>
        {g && g.version > 0 && (
          <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
            {g.kinds.map((k) => (
              <Card key={k.kind} size="small" hoverable onClick={() => reset(setKind)(k.kind)}>
                <Flex vertical gap={4}>
                  <KindTag kind={k.kind} />
                  <Typography.Text>{t('liaison.summary.links', { links: k.links, liaisons: k.liaisons })}</Typography.Text>
                  {k.bound !== null && <Typography.Text type="secondary">{t('liaison.summary.load', { max: k.maxLoad, bound: k.bound })}</Typography.Text>}
                </Flex>
              </Card>
            ))}
          </div>
        )}
        <Flex wrap gap={8}>
          <Select allowClear placeholder={t('liaison.allKinds')} aria-label={t('liaison.kind')} value={kind} onChange={reset(setKind)} options={LINK_KINDS.map((k) => ({ value: k, label: t(`liaison.kind.${k}`) }))} style={{ minWidth: 220 }} />
          <Input.Search allowClear placeholder={t('liaison.searchName')} aria-label={t('liaison.searchName')} onSearch={reset(setQ)} style={{ maxWidth: 280 }} />
        </Flex>
        <ResponsiveList<Link>
          items={list.data?.items ?? []}
          rowKey="id"
          columns={columns}
          renderCard={(l) => (
            <Card size="small">
              <Flex vertical gap={6}>
                <Typography.Text strong>{`${l.fromName ?? l.committeeName} → ${to(l)}`}</Typography.Text>
                <Space size={4} wrap><KindTag kind={l.kind} /><MetTag met={l.faceToFace > 0} />{l.manual && <Tag>{t('liaison.manual')}</Tag>}</Space>
                <Typography.Text type="secondary">{why(l.reason)}</Typography.Text>
                {actions(l)}
              </Flex>
            </Card>
          )}
          query={list}
          emptyText={t('liaison.noLinks')}
          paging={{ ...page, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        />
      </Flex>
      {adding && <AddLinkModal year={year} open onClose={() => setAdding(false)} />}
      {moving && <ReassignModal link={moving} onClose={() => setMoving(null)} />}
      {logging && <ContactFormModal link={logging} open onClose={() => setLogging(null)} />}
    </>
  );
}
