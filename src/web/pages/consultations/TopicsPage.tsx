// 开门式选题: the year's topics, the most supported first; anyone logged in proposes one and supports
// others'; the office shortlists, merges or answers them, the chair meeting (a leader) picks.
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Skeleton, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { FormModal } from '../../components/consultations/FormModal';
import { TopicCard } from '../../components/consultations/TopicCard';
import { KINDS, TOPIC_STATES } from '../../components/consultations/model';
import type { Kind, TopicState } from '../../components/consultations/model';
import { useTopics, writes } from '../../components/consultations/queries';

interface NewTopic { year: number; title: string; reason: string; suggestedKind?: Kind; suggestedOwner?: string }

function ProposeTopic({ open, onClose, year }: { open: boolean; onClose: () => void; year: number }) {
  const { t } = useI18n();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const thisYear = new Date().getFullYear();
  return (
    <FormModal<NewTopic> title={t('topic.propose')} open={open} onClose={onClose} done={t('topic.proposedToast')} name="topic"
      initialValues={{ year: Math.max(year, thisYear) }} intro={t('topic.proposeIntro')}
      submit={(v) => writes.propose({ ...v, suggestedOwner: v.suggestedOwner?.trim() || undefined })}>
      <Form.Item name="title" label={t('topic.title')} rules={required(t('topic.title'))}><Input maxLength={200} /></Form.Item>
      <Form.Item name="reason" label={t('topic.reason')} rules={required(t('topic.reason'))}><Input.TextArea maxLength={3000} autoSize={{ minRows: 3, maxRows: 8 }} /></Form.Item>
      <Form.Item name="year" label={t('consultation.year')} rules={required(t('consultation.year'))}>
        <InputNumber min={thisYear} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="suggestedKind" label={t('topic.suggestedKind')}>
        <Select allowClear options={KINDS.map((k) => ({ value: k, label: t(`consultation.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="suggestedOwner" label={t('topic.suggestedOwner')}><Input maxLength={100} /></Form.Item>
    </FormModal>
  );
}

export default function TopicsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [proposing, setProposing] = useState(false);
  const year = Number(params.get('year')) || new Date().getFullYear();
  const state = (params.get('state') as TopicState | null) ?? undefined;
  const q = params.get('q') ?? '';
  const set = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k); else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const list = useTopics({ year, state, q: q || undefined });
  return (
    <>
      <PageHeader title={t('nav.consultationTopics')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{t('topic.propose')}</Button>} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('topic.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('consultation.year')} min={2000} max={2100} precision={0} value={year} onChange={(v) => set('year', v ?? undefined)} addonAfter={t('consultation.year')} style={{ width: 150 }} />
        <Select<TopicState | ''> aria-label={t('topic.stateLabel')} value={state ?? ''} onChange={(v) => set('state', v)} style={{ minWidth: 140 }}
          options={[{ value: '', label: t('topic.allStates') }, ...TOPIC_STATES.map((s) => ({ value: s, label: t(`topic.state.${s}`) }))]} />
        <Input.Search aria-label={t('topic.search')} placeholder={t('topic.search')} allowClear defaultValue={q} onSearch={(v) => set('q', v.trim())} style={{ width: 220 }} />
        <ExportButton href={withQuery('/api/v1/consultations/topics.xlsx', { year, state, q: q || undefined })} total={list.data?.total} />
      </Flex>
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && <Skeleton active />}
      {list.isSuccess && !list.data.items.length && <Empty description={t('topic.empty')} />}
      <Row gutter={[12, 12]}>
        {(list.data?.items ?? []).map((topic) => (
          <Col key={topic.id} xs={24} lg={12}><TopicCard topic={topic} loggedIn /></Col>
        ))}
      </Row>
      <ProposeTopic open={proposing} onClose={() => setProposing(false)} year={year} />
    </>
  );
}
