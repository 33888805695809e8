// 优秀提案评选: the rounds of the committee, each with the level under way; staff open a new one.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Flex, Form, Input, InputNumber, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { FormModal } from '../../components/selection/FormModal';
import { RoundStateTag } from '../../components/selection/RoundStateTag';
import type { RoundSummary } from '../../components/selection/model';
import { useRounds, writes } from '../../components/selection/queries';

function CreateRound({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  return (
    <FormModal<{ year: number; name: string }>
      title={t('selection.new')}
      open={open}
      onClose={onClose}
      done={t('selection.created')}
      initialValues={{ year, name: t('selection.defaultName', { year }) }}
      intro={<Typography.Paragraph type="secondary">{t('selection.intro')}</Typography.Paragraph>}
      submit={writes.create}
    >
      <Form.Item name="year" label={t('selection.year')} rules={required(t('selection.year'))}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="name" label={t('selection.name')} rules={required(t('selection.name'))}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  );
}

export default function SelectionsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const isMobile = useIsMobile();
  const [creating, setCreating] = useState(false);
  const rounds = useRounds();
  const none = t('common.none');
  const name = (r: RoundSummary) => <Link to={`/selections/${r.id}`}>{r.name}</Link>;
  const level = (r: RoundSummary) => (r.state === 'open' ? `${r.currentLevel}/${r.levels} ${r.currentLevelName ?? ''}` : none);
  const columns: TableColumnsType<RoundSummary> = [
    { title: t('selection.year'), dataIndex: 'year', key: 'year' },
    { title: t('selection.name'), key: 'name', render: (_, r) => name(r) },
    { title: t('selection.state'), key: 'state', render: (_, r) => <RoundStateTag state={r.state} /> },
    { title: t('selection.currentLevel'), key: 'level', render: (_, r) => level(r) },
    { title: t('selection.entries'), dataIndex: 'entries', key: 'entries', align: 'right' },
    { title: t('selection.excellent'), key: 'excellent', align: 'right', render: (_, r) => r.excellent ?? none },
  ];
  const empty = <Empty description={t('selection.empty')} />;
  return (
    <>
      <PageHeader
        title={t('nav.selection')}
        extra={
          <>
            <ExportButton href="/api/v1/selections.xlsx" total={rounds.data?.total} />
            {hasRole('staff') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('selection.new')}</Button>}
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('selection.intro')}</Typography.Paragraph>
      {rounds.isError && <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {isMobile ? (
        <Flex vertical gap={8}>
          {rounds.isSuccess && !rounds.data.items.length && empty}
          {(rounds.data?.items ?? []).map((r) => (
            <Card size="small" key={r.id}>
              <Flex vertical gap={4}>
                <Typography.Text strong>{name(r)}</Typography.Text>
                <Flex gap={8} wrap align="center">
                  <RoundStateTag state={r.state} />
                  <Typography.Text type="secondary">{r.state === 'open' ? level(r) : `${t('selection.excellent')} ${r.excellent ?? none}`}</Typography.Text>
                </Flex>
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<RoundSummary> rowKey="id" size="middle" columns={columns} dataSource={rounds.data?.items} loading={rounds.isFetching} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: empty }} />
      )}
      <CreateRound open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
