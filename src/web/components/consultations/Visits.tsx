// The inspection visits (视察) of a democratic-supervision item: when, where, who went, what they
// found. Staff log them; everyone of the committee reads them.
import { useState } from 'react';
import { Button, Card, Empty, Flex, Form, Input, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { todayInChina } from '../proposals/model';
import { DateField } from '../DateField';
import { ExportButton } from '../ExportButton';
import { MembersSelect } from '../MemberSelect';
import { QueryError } from '../QueryError';
import { FormModal } from './FormModal';
import { useVisits, writes } from './queries';

interface NewVisit { visitedOn: string; place: string; memberIds?: string[]; participants?: string; findings: string }

export function Visits({ id, canWrite }: { id: string; canWrite: boolean }) {
  const { t, formatDate } = useI18n();
  const [adding, setAdding] = useState(false);
  const visits = useVisits(id, true);
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <Card title={t('visit.title')} size="small"
      extra={canWrite && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('visit.add')}</Button>}>
      <Flex justify="end"><ExportButton href={`/api/v1/consultations/${encodeURIComponent(id)}/visits.xlsx`} total={visits.data?.length} /></Flex>
      {visits.isError && <QueryError error={visits.error} onRetry={() => void visits.refetch()} />}
      <List
        dataSource={visits.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visit.empty')} /> }}
        renderItem={(v) => (
          <List.Item>
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text strong>{formatDate(v.visitedOn)} · {v.place}</Typography.Text>
              {(v.members.length > 0 || v.participants) && (
                <Typography.Text type="secondary">
                  {[v.members.map((m) => m.name).filter(Boolean).join('、'), v.participants].filter(Boolean).join('；')}
                </Typography.Text>
              )}
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{v.findings}</Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
      />
      <FormModal<NewVisit> title={t('visit.add')} open={adding} onClose={() => setAdding(false)} done={t('visit.added')} submit={(v) => writes.visit(id, v)}>
        <Form.Item name="visitedOn" label={t('visit.visitedOn')} rules={required(t('visit.visitedOn'))}><DateField max={todayInChina()} /></Form.Item>
        <Form.Item name="place" label={t('visit.place')} rules={required(t('visit.place'))}><Input maxLength={200} /></Form.Item>
        <Form.Item name="memberIds" label={t('visit.members')}><MembersSelect /></Form.Item>
        <Form.Item name="participants" label={t('visit.participants')}><Input maxLength={1000} /></Form.Item>
        <Form.Item name="findings" label={t('visit.findings')} rules={required(t('visit.findings'))}><Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} /></Form.Item>
      </FormModal>
    </Card>
  );
}
