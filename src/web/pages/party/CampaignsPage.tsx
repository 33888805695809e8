// 献计活动 (staff, leaders): campaigns such as "我为…献一计" — open one with its theme and window,
// read the ideas, mark one adopted by the body that took it up; the counts per campaign.
import { useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, List, Typography } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { todayInChina } from '../../components/proposals/model';
import type { Campaign, Idea } from '../../components/party/model';
import { useCampaigns, useIdeas, usePartyWrite } from '../../components/party/queries';
import { CampaignState, IdeaAdopted } from './MyIdeasPage';

interface CampaignValues { title: string; theme: string; opensOn: string; closesOn: string }

function OpenModal({ onClose, onDone }: { onClose: () => void; onDone: (k: Campaign) => void }) {
  const { t } = useI18n();
  const open = usePartyWrite((v: CampaignValues) => api.post<Campaign>('/api/v1/campaigns', { ...v, title: v.title.trim(), theme: v.theme.trim() }));
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <FormModal<CampaignValues, Campaign> title={t('campaign.new')} open onClose={onClose} submit={open.mutateAsync} submitting={open.isPending} done={t('campaign.opened')} onDone={onDone}
      initialValues={{ opensOn: todayInChina() }}>
      <Form.Item name="title" label={t('campaign.title')} rules={[required(t('campaign.title'))]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="theme" label={t('campaign.theme')} rules={[required(t('campaign.theme'))]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} /></Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="opensOn" label={t('campaign.opensOn')} rules={[{ required: true, message: t('common.required', { field: t('campaign.opensOn') }) }]}><DateField /></Form.Item>
        <Form.Item name="closesOn" label={t('campaign.closesOn')} rules={[{ required: true, message: t('common.required', { field: t('campaign.closesOn') }) }]}><DateField /></Form.Item>
      </Flex>
    </FormModal>
  );
}

function AdoptModal({ idea, onClose }: { idea: Idea; onClose: () => void }) {
  const { t } = useI18n();
  const adopt = usePartyWrite((v: { adoptedBy: string; adoptedOn?: string }) => api.post<Idea>(`/api/v1/campaigns/ideas/${idea.id}/adopt`, { adoptedBy: v.adoptedBy.trim(), ...(v.adoptedOn ? { adoptedOn: v.adoptedOn } : {}) }));
  return (
    <FormModal<{ adoptedBy: string; adoptedOn?: string }, Idea> title={t('campaign.adopt')} open onClose={onClose} submit={adopt.mutateAsync} submitting={adopt.isPending} done={t('campaign.adopted')}
      initialValues={{ adoptedOn: todayInChina() }} intro={<Typography.Paragraph type="secondary">{idea.title}</Typography.Paragraph>}>
      <Form.Item name="adoptedBy" label={t('campaign.adoptedBy')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('campaign.adoptedBy') }) }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="adoptedOn" label={t('campaign.adoptedOn')}><DateField max={todayInChina()} /></Form.Item>
    </FormModal>
  );
}

function Ideas({ campaign, canAdopt }: { campaign: Campaign; canAdopt: boolean }) {
  const { t, formatDate } = useI18n();
  const ideas = useIdeas(campaign.id);
  const [adopting, setAdopting] = useState<Idea | null>(null);
  return (
    <Card size="small" title={`${campaign.title} · ${t('campaign.counts', { ideas: campaign.ideas, adopted: campaign.adopted })}`}>
      <Flex justify="end"><ExportButton href={`/api/v1/campaigns/${encodeURIComponent(campaign.id)}/ideas.xlsx`} total={ideas.data?.total} /></Flex>
      {ideas.isError && <QueryError error={ideas.error} onRetry={() => void ideas.refetch()} />}
      <List
        loading={ideas.isPending}
        dataSource={ideas.data?.items ?? []}
        locale={{ emptyText: t('campaign.noIdeas') }}
        renderItem={(i) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text strong>{i.title}</Typography.Text>
                {i.adoptedBy ? <IdeaAdopted idea={i} /> : canAdopt && <Button size="small" icon={<CheckOutlined />} onClick={() => setAdopting(i)}>{t('campaign.adopt')}</Button>}
              </Flex>
              <Typography.Text>{i.content}</Typography.Text>
              <Typography.Text type="secondary">{[i.memberName, formatDate(i.submittedOn)].filter(Boolean).join(' · ')}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {adopting && <AdoptModal idea={adopting} onClose={() => setAdopting(null)} />}
    </Card>
  );
}

export default function CampaignsPage() {
  const { t, formatDate } = useI18n();
  const { hasRole } = useAuth();
  const campaigns = useCampaigns();
  const [picked, setPicked] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const canManage = hasRole('staff', 'admin');
  const current = campaigns.data?.find((k) => k.id === picked) ?? campaigns.data?.[0];
  return (
    <>
      <PageHeader title={t('nav.campaigns')} extra={
        <>
          <ExportButton href="/api/v1/campaigns.xlsx" total={campaigns.data?.length} />
          {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>{t('campaign.new')}</Button>}
        </>
      } />
      {campaigns.isError && <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
      <Flex gap={16} wrap align="start">
        <Card size="small" style={{ flex: '1 1 300px', maxWidth: 420 }}>
          <List
            loading={campaigns.isPending}
            dataSource={campaigns.data ?? []}
            locale={{ emptyText: <Empty description={t('campaign.pick')} /> }}
            renderItem={(k) => (
              <List.Item onClick={() => setPicked(k.id)} style={{ cursor: 'pointer', background: k.id === current?.id ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined, paddingInline: 8 }}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}><Typography.Text strong>{k.title}</Typography.Text><CampaignState campaign={k} /></Flex>
                  <Typography.Text type="secondary">{`${formatDate(k.opensOn)} – ${formatDate(k.closesOn)}`}</Typography.Text>
                  <Typography.Text type="secondary" data-testid={`campaign-counts-${k.id}`}>{t('campaign.counts', { ideas: k.ideas, adopted: k.adopted })}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        <div style={{ flex: '2 1 360px', minWidth: 0 }}>{current ? <Ideas key={current.id} campaign={current} canAdopt={canManage} /> : null}</div>
      </Flex>
      {opening && <OpenModal onClose={() => setOpening(false)} onDone={(k) => setPicked(k.id)} />}
    </>
  );
}
