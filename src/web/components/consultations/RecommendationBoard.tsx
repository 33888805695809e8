// The 督办看板's section for recommendations (建议): per unit, its lead assignments overdue or due
// within the board's days (GET /recommendations/board), each linking to the recommendation.
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Collapse, Empty, Flex, Space, Tag, Typography, theme } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { ItemList } from '../../types';
import { QueryError } from '../QueryError';
import { DueDate } from '../proposals/ProposalTags';
import type { RecBoardUnit } from './model';
import { RecStateTag } from './tags';

function Items({ u }: { u: RecBoardUnit }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {u.items.map((item, i) => (
        <li key={item.recommendationId} style={{ padding: '8px 0', borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined }}>
          <Flex wrap gap={8} align="center">
            <Flex vertical style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Link to={`/recommendations/${item.recommendationId}`}>{item.title}</Link>
              <Typography.Text type="secondary">{item.consultationTitle}</Typography.Text>
            </Flex>
            <Space size={4} wrap>
              <RecStateTag state={item.state} />
              {!item.signed && <Tag color="gold">{t('proposal.board.unsigned')}</Tag>}
              <DueDate day={item.dueOn} />
            </Space>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

export function RecommendationBoard({ days }: { days: number }) {
  const { t } = useI18n();
  const board = useQuery({
    queryKey: [...keys.proposals, 'recommendations', 'board', days],
    queryFn: ({ signal }) => api.get<ItemList<RecBoardUnit>>('/api/v1/recommendations/board', { days }, signal),
    select: (d) => d.items,
  });
  return (
    <Card title={t('proposal.board.recommendations')} size="small" style={{ marginTop: 16 }}>
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      {board.data && !board.data.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('proposal.board.empty')} />}
      {!!board.data?.length && (
        <Collapse
          items={board.data.map((u) => ({
            key: u.unitId,
            label: (
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong type={u.overdue ? 'danger' : undefined}>{u.unitName}</Typography.Text>
                <Space size={8}>
                  <Badge count={u.overdue} showZero color={u.overdue ? 'red' : 'gray'} title={t('proposal.board.overdue')} />
                  <Badge count={u.dueSoon} showZero color={u.dueSoon ? 'orange' : 'gray'} title={t('proposal.board.dueSoon')} />
                </Space>
              </Flex>
            ),
            children: <Items u={u} />,
          }))}
        />
      )}
    </Card>
  );
}
