// A consultation's recommendations (建议): their handling state, lead unit and outcome; staff write
// them at central assignment. Each is handled through the handling engine as a proposal is.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Flex, Form, Input, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { QueryError } from '../QueryError';
import { FormModal } from './FormModal';
import { useRecommendations, writes } from './queries';
import { RecStateTag } from './tags';

export function Recommendations({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t, formatDate } = useI18n();
  const [adding, setAdding] = useState(false);
  const recs = useRecommendations(id);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Card title={t('consultation.recommendations')} size="small"
      extra={canWrite && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('consultation.rec.new')}</Button>}>
      {recs.isError && <QueryError error={recs.error} onRetry={() => void recs.refetch()} />}
      <List
        dataSource={recs.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consultation.rec.empty')} /> }}
        renderItem={(r) => (
          <List.Item>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Flex gap={6} wrap align="center">
                <Link to={`/recommendations/${r.id}`}><Typography.Text strong>{r.number}. {r.title}</Typography.Text></Link>
                <RecStateTag state={r.state} />
              </Flex>
              {r.lead && <Typography.Text type="secondary">{t('consultation.rec.lead')}{t('common.labelSep')}{r.lead.unitName} · {formatDate(r.lead.dueOn)}</Typography.Text>}
              {r.lastReply && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                  {t('consultation.rec.reply', { unit: r.lastReply.unitName, category: r.lastReply.category })}{t('common.labelSep')}{r.lastReply.content}
                </Typography.Paragraph>
              )}
              {r.outcome && (
                <Typography.Text type="secondary">
                  {t('consultation.rec.outcome')}{t('common.labelSep')}{t(`consultation.outcome.${r.outcome.kind}` as 'consultation.outcome.party')} {r.outcome.title ?? ''} {r.outcome.number ?? ''}
                  {r.outcome.date && ` · ${formatDate(r.outcome.date)}`}
                  {r.progress !== null && ` · ${t('consultation.rec.progress')} ${r.progress}%`}
                  {r.outcome.measure && ` · ${r.outcome.measure} ${r.outcome.quantity}`}
                </Typography.Text>
              )}
              {r.noOutcomeReason && <Typography.Text type="secondary">{r.noOutcomeReason}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
      <FormModal<{ title: string; content: string }>
        title={t('consultation.rec.new')} open={adding} onClose={() => setAdding(false)} done={t('consultation.rec.created')}
        submit={(v) => writes.recommend(id, v)}
      >
        <Form.Item name="title" label={t('consultation.rec.title')} rules={required(t('consultation.rec.title'))}><Input maxLength={200} /></Form.Item>
        <Form.Item name="content" label={t('consultation.rec.content')} rules={required(t('consultation.rec.content'))}><Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} /></Form.Item>
      </FormModal>
    </Card>
  );
}
