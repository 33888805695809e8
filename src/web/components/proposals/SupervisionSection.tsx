// 督办记录 of a key proposal (GET /proposals/:id/supervision), and for its leading leader or staff
// the form to log a visit, meeting or research trip (POST /proposals/:id/supervision).
import { useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, Radio, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { FormModal } from '../FormModal';
import { QueryError } from '../QueryError';
import { SUPERVISION_KINDS, todayInChina } from './model';
import type { Proposal } from './model';
import { useLogSupervision, useSupervision } from './queries';
import type { SupervisionInput } from './queries';
import { DateField } from '../DateField';

/** Whether this user may log supervision on the proposal: its leading leader, or staff. */
export function useCanSupervise(p: Pick<Proposal, 'isKey' | 'keyLeaderUserId'>) {
  const { user, hasRole } = useAuth();
  return p.isKey && (hasRole('staff') || (!!user && user.id === p.keyLeaderUserId));
}

function LogSupervisionModal({ proposalId, open, onClose }: { proposalId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const log = useLogSupervision(proposalId);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  const label = t('proposal.supervision.log');

  return (
    <FormModal<SupervisionInput>
      title={label}
      open={open}
      onClose={onClose}
      submit={(v) => log.mutateAsync({ kind: v.kind, date: v.date, participants: v.participants.trim(), outcome: v.outcome.trim() })}
      submitting={log.isPending}
      done={t('proposal.done.supervised')}
      name="supervision"
      width={560}
      initialValues={{ kind: 'visit', date: todayInChina() }}
    >
      <Form.Item name="kind" label={t('proposal.supervision.kind')} rules={[{ required: true, message: t('common.required', { field: t('proposal.supervision.kind') }) }]}>
        <Radio.Group options={SUPERVISION_KINDS.map((k) => ({ value: k, label: t(`proposal.supervision.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="date" label={t('proposal.supervision.date')} rules={[required(t('proposal.supervision.date'))]}>
        <DateField max={todayInChina()} />
      </Form.Item>
      <Form.Item name="participants" label={t('proposal.supervision.participants')} rules={[required(t('proposal.supervision.participants'))]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="outcome" label={t('proposal.supervision.outcome')} rules={[required(t('proposal.supervision.outcome'))]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}

export function SupervisionSection({ p }: { p: Proposal }) {
  const { t, formatDate } = useI18n();
  const log = useSupervision(p.id, p.isKey);
  const canLog = useCanSupervise(p);
  const [open, setOpen] = useState(false);
  if (!p.isKey) return null;

  let body;
  if (log.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (log.isError) body = <QueryError error={log.error} onRetry={() => void log.refetch()} />;
  else if (!log.data.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('proposal.supervision.empty')} />;
  else {
    body = (
      <Timeline
        items={log.data.map((s) => ({
          key: s.id,
          content: (
            <Flex vertical gap={2}>
              <Space size={6} wrap>
                <Typography.Text strong>{formatDate(s.date)}</Typography.Text>
                <Tag color="red">{t(`proposal.supervision.kind.${s.kind}`)}</Tag>
                {s.by && <Typography.Text type="secondary">{t('proposal.supervision.by', { name: s.by })}</Typography.Text>}
              </Space>
              <Typography.Text type="secondary">
                {t('proposal.supervision.participants')}{t('common.labelSep')}{s.participants}
              </Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{s.outcome}</Typography.Text>
            </Flex>
          ),
        }))}
      />
    );
  }

  return (
    <Card
      title={t('proposal.section.supervision')}
      size="small"
      extra={
        canLog && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('proposal.supervision.log')}
          </Button>
        )
      }
    >
      {body}
      {canLog && <LogSupervisionModal proposalId={p.id} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
