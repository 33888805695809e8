// A unit's recommendations (建议) beside its proposals in its inbox: each with its consultation, state
// and what the unit owes on it by when, the overdue first. Cards, so they read at phone width too.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Empty, Flex, List, Typography } from 'antd';
import { withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { ExportButton } from '../ExportButton';
import { QueryError } from '../QueryError';
import { MyTask } from '../proposals/MyTask';
import { useListedRecommendations } from './queries';
import { RecStateTag } from './tags';

const RUNNING = ['assigned', 'handling', 'rehandling'];

export function UnitRecommendations({ unitId }: { unitId?: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useListedRecommendations({ unitId, page, pageSize: 20 });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={8}>
    <Flex justify="end"><ExportButton href={withQuery('/api/v1/recommendations.xlsx', { unitId })} total={list.data?.total} /></Flex>
    <List
      loading={list.isPending}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consultation.rec.empty')} /> }}
      pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false } : false}
      renderItem={(r) => (
        <List.Item>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={6} wrap align="center">
              <Link to={`/recommendations/${r.id}`}><Typography.Text strong>{r.title}</Typography.Text></Link>
              <RecStateTag state={r.state} />
            </Flex>
            <Typography.Text type="secondary">{t('consultation.rec.of')}{t('common.labelSep')}{r.consultationTitle}</Typography.Text>
            <MyTask a={r.myAssignment} running={RUNNING.includes(r.state)} />
          </Flex>
        </List.Item>
      )}
    />
    </Flex>
  );
}
