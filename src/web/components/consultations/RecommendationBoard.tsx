// The 督办看板's section for recommendations (建议): per unit, its lead assignments overdue or due
// within the board's days (GET /recommendations/board), each linking to the recommendation.
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Collapse, Empty, Flex, Space, Typography } from 'antd';
import { api, withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { ItemList } from '../../types';
import { ExportButton } from '../ExportButton';
import { QueryError } from '../QueryError';
import { BoardItems } from '../proposals/BoardItems';
import type { RecBoardUnit } from './model';
import { RecStateTag } from './tags';

function Items({ u }: { u: RecBoardUnit }) {
  return (
    <BoardItems entries={u.items.map((item) => ({
      key: item.recommendationId, href: `/recommendations/${item.recommendationId}`, title: item.title, subtitle: item.consultationTitle,
      state: <RecStateTag state={item.state} />, signed: item.signed, dueOn: item.dueOn,
    }))} />
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
      {/* Under the head, not in it: at 390 px the buttons would cut the title (in English) to an ellipsis. */}
      <Flex justify="end" style={{ marginBottom: 8 }}><ExportButton href={withQuery('/api/v1/recommendations/board.xlsx', { days })} /></Flex>
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
