// 督办看板: per unit, the lead assignments overdue or due soon; expand a unit for its proposals. The
// recommendations of consultations, handled the same way, follow in their own section.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Collapse, Flex, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, withQuery } from '../../api';
import { useI18n } from '../../i18n';
import { keys } from '../../queries';
import type { ItemList } from '../../types';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { StateTag } from '../../components/proposals/ProposalTags';
import { BoardItems } from '../../components/proposals/BoardItems';
import type { BoardUnit } from '../../components/proposals/model';
import { OnTimeTitle, percent } from '../../components/proposals/OnTimeRate';
import { RecommendationBoard } from '../../components/consultations/RecommendationBoard';

const DAY_OPTIONS = [7, 14, 30, 60];

function Counts({ u }: { u: BoardUnit }) {
  const { t } = useI18n();
  return (
    <Space size={8}>
      <Typography.Text type="secondary" title={t('proposal.onTime.counts', { onTime: u.onTime, late: u.late })}>
        {t('proposal.stats.onTimeRate')} {percent(u.onTimeRate)}
      </Typography.Text>
      <Badge count={u.overdue} showZero color={u.overdue ? 'red' : 'gray'} title={t('proposal.board.overdue')} />
      <Badge count={u.dueSoon} showZero color={u.dueSoon ? 'orange' : 'gray'} title={t('proposal.board.dueSoon')} />
    </Space>
  );
}

function UnitItems({ u }: { u: BoardUnit }) {
  return (
    <BoardItems entries={u.items.map((item) => ({
      key: item.proposalId, href: `/proposals/${item.proposalId}`, title: item.title, state: <StateTag state={item.state} />, isKey: item.isKey, signed: item.signed, dueOn: item.dueOn,
    }))} />
  );
}

export default function BoardPage() {
  const { t } = useI18n();
  const [days, setDays] = useState(14);
  const board = useQuery({
    queryKey: [...keys.proposals, 'board', days],
    queryFn: ({ signal }) => api.get<ItemList<BoardUnit>>('/api/v1/proposals/board', { days }, signal),
    select: (d) => d.items,
  });

  const columns: TableColumnsType<BoardUnit> = [
    { title: t('proposal.board.unit'), dataIndex: 'unitName', key: 'unitName' },
    {
      title: t('proposal.board.overdue'),
      dataIndex: 'overdue',
      key: 'overdue',
      render: (n: number) => <Typography.Text type={n ? 'danger' : 'secondary'} strong={!!n}>{n}</Typography.Text>,
    },
    {
      title: t('proposal.board.dueSoon'),
      dataIndex: 'dueSoon',
      key: 'dueSoon',
      render: (n: number) => <Typography.Text type={n ? 'warning' : 'secondary'}>{n}</Typography.Text>,
    },
    {
      title: <OnTimeTitle />,
      dataIndex: 'onTimeRate',
      key: 'onTimeRate',
      align: 'right',
      render: (v: number | null, u) => <span title={t('proposal.onTime.counts', { onTime: u.onTime, late: u.late })}>{percent(v)}</span>,
    },
  ];

  const body = (
    <ResponsiveList<BoardUnit>
      items={board.data ?? []}
      rowKey="unitId"
      columns={columns}
      renderCards={(units) => (
        <Flex vertical gap={8}>
        {/* (what the two counts are, in words: a phone shows no hover titles) */}
        <Space size={16} wrap>
          <Badge color="red" text={t('proposal.board.overdue')} />
          <Badge color="orange" text={t('proposal.board.dueSoon')} />
        </Space>
        <Collapse
          items={units.map((u) => ({
            key: u.unitId,
            label: (
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong type={u.overdue ? 'danger' : undefined}>{u.unitName}</Typography.Text>
                <Counts u={u} />
              </Flex>
            ),
            children: <UnitItems u={u} />,
          }))}
        />
        </Flex>
      )}
      query={board}
      emptyText={t('proposal.board.empty')}
      table={{
        expandable: { expandedRowRender: (u) => <UnitItems u={u} />, expandRowByClick: true },
        rowClassName: (u) => (u.overdue ? 'tx-row-overdue' : ''),
      }}
    />
  );

  return (
    <>
      <PageHeader
        title={t('nav.board')}
        extra={
          <>
            <Select
              aria-label={t('proposal.board.days')}
              value={days}
              onChange={setDays}
              options={DAY_OPTIONS.map((d) => ({ value: d, label: t('proposal.board.daysOption', { days: d }) }))}
              style={{ width: 120 }}
            />
            <ExportButton href={withQuery('/api/v1/proposals/board.xlsx', { days })} />
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('proposal.board.intro', { days })}
      </Typography.Paragraph>
      {body}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('proposal.onTime.definition')}
      </Typography.Paragraph>
      <RecommendationBoard days={days} />
    </>
  );
}
