// 年度协商计划 (x+N): a year's plan items by month, planned and held per kind and the x+N lines;
// staff add items while it is a draft, a leader adopts it for the chair meeting.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { CreateConsultation } from '../../components/consultations/CreateConsultation';
import { errorText, withQuery } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { useI18n } from '../../i18n';
import { useCommitteeOptions } from '../../queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { FormModal } from '../../components/consultations/FormModal';
import { KindTag, StateTag } from '../../components/consultations/tags';
import { COUNTED_KINDS, KINDS } from '../../components/consultations/model';
import type { Kind, Plan, PlanItem } from '../../components/consultations/model';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useConsultationWrite, useMeasures, usePlan, writes } from '../../components/consultations/queries';

interface ItemForm { kind: Kind; month: number; topic: string; committeeId?: string }

function AddItem({ year, open, onClose }: { year: number; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const committees = useCommitteeOptions();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormModal<ItemForm> title={t('consultation.plan.addItem')} open={open} onClose={onClose} done={t('consultation.plan.itemAdded')}
      initialValues={{ kind: 'bimonthly', month: 1 }} submit={(v) => writes.planItem({ year, ...v, committeeId: v.committeeId ?? null })}>
      <Form.Item name="kind" label={t('consultation.kind')} rules={required(t('consultation.kind'))}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`consultation.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="month" label={t('consultation.plan.month')} rules={required(t('consultation.plan.month'))}>
        <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="topic" label={t('consultation.plan.topic')} rules={required(t('consultation.plan.topic'))}><Input maxLength={200} /></Form.Item>
      <Form.Item name="committeeId" label={t('consultation.plan.committee')}>
        <Select allowClear loading={committees.isPending} options={(committees.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
    </FormModal>
  );
}

/** The x+N line in words, as the yearly work report says it: each form's held count beside its planned one. */
function lineText(t: ReturnType<typeof useI18n>['t'], p: Plan) {
  const part = (k: (typeof COUNTED_KINDS)[number] | 'others') =>
    t(`consultation.plan.line.${k}`, { held: p.heldLine[k], planned: p.plannedLine[k] });
  return t('consultation.plan.line', Object.fromEntries([...COUNTED_KINDS, 'others' as const].map((k) => [k, part(k)])));
}

export default function PlanPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  // The item whose consultation staff start (its topic, kind and year; linked to it).
  const [starting, setStarting] = useState<PlanItem | undefined>();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const plan = usePlan(year);
  const measures = useMeasures(year, hasRole('staff') || hasRole('admin') || hasRole('leader'));
  const adopt = useConsultationWrite(() => writes.adopt(year));
  const month = (i: PlanItem) => t('consultation.plan.monthN', { month: i.month });
  const topic = (i: PlanItem) => (i.topicId ? <Link to={`/consultations/topics/${i.topicId}`}>{i.topic}</Link> : i.topic);
  const owner = (i: PlanItem) => (i.committeeId ? i.owner : t('consultation.plan.office'));
  const consultation = (i: PlanItem) => (i.consultationId ? <Link to={`/consultations/${i.consultationId}`}><StateTag state={i.consultationState!} /></Link>
    : hasRole('staff') ? <Button size="small" icon={<PlusOutlined />} onClick={() => setStarting(i)}>{t('consultation.plan.start')}</Button> : t('common.none'));
  const items: TableColumnsType<PlanItem> = [
    { title: t('consultation.plan.month'), key: 'month', render: (_, i) => month(i) },
    { title: t('consultation.kind'), key: 'kind', render: (_, i) => <KindTag kind={i.kind} /> },
    { title: t('consultation.plan.topic'), key: 'topic', render: (_, i) => topic(i) },
    { title: t('consultation.plan.owner'), key: 'owner', render: (_, i) => owner(i) },
    { title: t('consultation.plan.consultation'), key: 'c', render: (_, i) => consultation(i) },
  ];
  // On a phone an item is a card: its topic, then month, kind and owner, then its consultation or the button starting it.
  const card = (i: PlanItem) => (
    <Card size="small">
      <Flex vertical gap={6}>
        <Typography.Text strong>{topic(i)}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <Typography.Text>{month(i)}</Typography.Text>
          <KindTag kind={i.kind} />
          <Typography.Text type="secondary">{t('consultation.plan.owner')}{t('common.labelSep')}{owner(i)}</Typography.Text>
        </Flex>
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{t('consultation.plan.consultation')}{t('common.labelSep')}</Typography.Text>
          {consultation(i)}
        </Flex>
      </Flex>
    </Card>
  );
  const confirmAdopt = () => modal.confirm({
    title: t('consultation.plan.adopt'), content: t('consultation.plan.adoptConfirm', { year }),
    onOk: () => adopt.mutateAsync(undefined).then(() => { message.success(t('consultation.plan.adoptedToast')); }, (e) => { message.error(errorText(e)); }),
  });
  const p = plan.data;
  return (
    <>
      <PageHeader
        title={t('consultation.plan')}
        extra={<>
          {hasRole('staff') && p && !p.adopted && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('consultation.plan.addItem')}</Button>}
          {hasRole('leader') && p && !p.adopted && p.items.length > 0 && <Button type="primary" icon={<CheckOutlined />} onClick={confirmAdopt}>{t('consultation.plan.adopt')}</Button>}
        </>}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <InputNumber aria-label={t('consultation.year')} min={2000} max={2100} precision={0} value={year} addonAfter={t('consultation.year')} style={{ width: 150 }}
          onChange={(v) => setParams(v ? { year: String(v) } : {}, { replace: true })} />
        {p && <Tag color={p.adopted ? 'green' : 'default'}>{p.adopted ? t('consultation.plan.adopted') : t('consultation.plan.draft')}</Tag>}
        <ExportButton href={withQuery('/api/v1/consultations/plan.xlsx', { year })} total={p?.items.length} />
      </Flex>
      {plan.isError && !p && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {p && (
        <Flex vertical gap={16}>
          <Card size="small">
            <Typography.Paragraph strong>{lineText(t, p)}</Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
              { key: 'planned', label: t('consultation.plan.plannedLine'), children: <Typography.Text strong>{p.plannedLine.text}</Typography.Text> },
              { key: 'held', label: t('consultation.plan.heldLine'), children: <Typography.Text strong>{p.heldLine.text}</Typography.Text> },
            ]} />
            <Typography.Text type="secondary">{t('consultation.plan.lineHint')}</Typography.Text>
          </Card>
          <Table rowKey="kind" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={p.byKind} columns={[
            { title: t('consultation.kind'), key: 'kind', render: (_, r) => t(`consultation.kind.${r.kind}`) },
            { title: t('consultation.plan.planned'), dataIndex: 'planned', key: 'planned', align: 'right' },
            { title: t('consultation.plan.held'), dataIndex: 'held', key: 'held', align: 'right' },
          ]} />
          <ResponsiveList<PlanItem> rowKey="id" columns={items} items={p.items} renderCard={card} query={plan} emptyText={t('consultation.plan.empty')} />
          {measures.data && (
            <Card size="small" title={t('consultation.measures')} extra={<ExportButton href={withQuery('/api/v1/recommendations/measures.xlsx', { year })} total={measures.data.length} />}>
              <Table rowKey="measure" size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={measures.data}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consultation.measures.empty')} /> }} columns={[
                  { title: t('consultation.measures.measure'), dataIndex: 'measure', key: 'measure' },
                  { title: t('consultation.measures.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' },
                  { title: t('consultation.measures.recommendations'), dataIndex: 'recommendations', key: 'recommendations', align: 'right' },
                ]} />
            </Card>
          )}
        </Flex>
      )}
      <AddItem year={year} open={adding} onClose={() => setAdding(false)} />
      <CreateConsultation year={year} planItem={starting} open={!!starting} onClose={() => setStarting(undefined)} />
    </>
  );
}
