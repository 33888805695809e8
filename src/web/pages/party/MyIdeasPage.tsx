// 我要献计 (phone first): the campaigns open now, an idea in two fields, and my ideas with whether
// and by whom they were adopted.
import { useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, List, Skeleton, Tag, Typography } from 'antd';
import { BulbOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import type { Campaign, Idea } from '../../components/party/model';
import { useCampaigns, useIdeas, usePartyWrite } from '../../components/party/queries';

export function CampaignState({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const color = { open: 'processing', upcoming: 'default', closed: 'default' }[campaign.state];
  return <Tag color={color} style={{ marginInlineEnd: 0 }}>{t(`campaign.state.${campaign.state}`)}</Tag>;
}

export function IdeaAdopted({ idea }: { idea: Idea }) {
  const { t } = useI18n();
  return idea.adoptedBy ? <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('campaign.adoptedTag', { by: idea.adoptedBy })}</Tag> : null;
}

function IdeaModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useI18n();
  const submit = usePartyWrite((v: { title: string; content: string }) => api.post<Idea>(`/api/v1/campaigns/${campaign.id}/ideas`, { title: v.title.trim(), content: v.content.trim() }));
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <FormModal<{ title: string; content: string }, Idea>
      title={campaign.title} open onClose={onClose} submit={submit.mutateAsync} submitting={submit.isPending} done={t('campaign.idea.submitted')} okText={t('campaign.submit')}
      intro={<Typography.Paragraph type="secondary">{campaign.theme}</Typography.Paragraph>}
    >
      <Form.Item name="title" label={t('campaign.idea.title')} rules={[required(t('campaign.idea.title'))]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="content" label={t('campaign.idea.content')} rules={[required(t('campaign.idea.content'))]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}

function MyIdeas({ campaign }: { campaign: Campaign }) {
  const { t, formatDate } = useI18n();
  // Their own (a leader linked to a member would otherwise get everyone's, as a leader reads them).
  const ideas = useIdeas(campaign.id, { mine: true });
  return (
    <List
      size="small"
      header={<Typography.Text strong>{campaign.title}</Typography.Text>}
      loading={ideas.isPending}
      dataSource={ideas.data?.items ?? []}
      renderItem={(i) => (
        <List.Item>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <Flex justify="space-between" gap={8} wrap><Typography.Text>{i.title}</Typography.Text><IdeaAdopted idea={i} /></Flex>
            <Typography.Text type="secondary">{formatDate(i.submittedOn)}{i.adoptedOn ? ` · ${t('campaign.adoptedOn')} ${formatDate(i.adoptedOn)}` : ''}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

export default function MyIdeasPage() {
  const { t, formatDate } = useI18n();
  const campaigns = useCampaigns();
  const [writing, setWriting] = useState<Campaign | null>(null);
  const all = campaigns.data ?? [];
  const open = all.filter((k) => k.open);
  const mine = all.filter((k) => (k.mine ?? 0) > 0);
  return (
    <>
      <PageHeader title={t('nav.myIdeas')} />
      <Flex vertical gap={16}>
        {campaigns.isError && <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />}
        {campaigns.isPending ? <Skeleton active /> : open.length === 0 ? <Empty description={t('campaign.noneOpen')} /> : open.map((k) => (
          <Card key={k.id} size="small" title={k.title} extra={<CampaignState campaign={k} />}>
            <Flex vertical gap={8}>
              <Typography.Text>{k.theme}</Typography.Text>
              <Typography.Text type="secondary">{`${t('campaign.window')}${t('common.labelSep')}${formatDate(k.opensOn)} – ${formatDate(k.closesOn)}`}</Typography.Text>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Typography.Text type="secondary">{t('campaign.counts', { ideas: k.ideas, adopted: k.adopted })}</Typography.Text>
                <Button type="primary" icon={<BulbOutlined />} onClick={() => setWriting(k)}>{t('campaign.submit')}</Button>
              </Flex>
            </Flex>
          </Card>
        ))}
        {mine.length > 0 && (
          <Card size="small" title={t('campaign.mine')}>
            <Flex vertical gap={12}>{mine.map((k) => <MyIdeas key={k.id} campaign={k} />)}</Flex>
          </Card>
        )}
      </Flex>
      {writing && <IdeaModal campaign={writing} onClose={() => setWriting(null)} />}
    </>
  );
}
