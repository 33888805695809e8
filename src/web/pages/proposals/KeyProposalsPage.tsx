// 重点提案督办 (staff) / 我领办的重点提案 (leaders): the key board, GET /proposals/key — each key
// proposal's progress, leading leader, lead unit and due date (red once overdue), and how often and
// when it was last supervised. A leader sees the ones they lead, or all of them on request.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Flex, Segmented, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { withQuery } from '../../api';
import { useUser } from '../../auth';
import { useI18n } from '../../i18n';
import { leadsOwnKeyProposals } from '../../layout/roles';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { ResponsiveList } from '../../components/ResponsiveList';
import { HANDLING_STATES } from '../../components/proposals/model';
import type { KeyBoardItem } from '../../components/proposals/model';
import { DueDate, StateTag } from '../../components/proposals/ProposalTags';
import { useKeyBoard } from '../../components/proposals/queries';

/**
 * Overdue as the server counts it, but only while the lead unit is still to reply: the server keeps
 * flagging a replied or closed proposal whose lead assignment was past its date.
 */
const isOverdue = (p: KeyBoardItem) => p.overdue && HANDLING_STATES.includes(p.state);

/** The lead unit's reply due date: red with the days overdue, or the days left while it runs. */
function Due({ item }: { item: KeyBoardItem }) {
  return <DueDate day={item.dueOn} running={HANDLING_STATES.includes(item.state)} />;
}

function LastVisit({ item }: { item: KeyBoardItem }) {
  const { t, formatDate } = useI18n();
  return item.lastVisit ? <>{formatDate(item.lastVisit)}</> : <Typography.Text type="secondary">{t('proposal.key.never')}</Typography.Text>;
}

export default function KeyProposalsPage() {
  const user = useUser();
  const { t } = useI18n();
  const ownByDefault = leadsOwnKeyProposals(user.roles);
  const [all, setAll] = useState(false);
  const board = useKeyBoard(ownByDefault && all);
  const showsAll = !ownByDefault || all;
  const none = t('common.none');

  const columns: TableColumnsType<KeyBoardItem> = [
    { title: t('proposal.title'), key: 'title', width: 320, render: (_, p) => <Link to={`/proposals/${p.id}`}>{p.title}</Link> },
    { title: t('proposal.state'), key: 'state', render: (_, p) => <StateTag state={p.state} /> },
    { title: t('proposal.proposer'), key: 'proposer', dataIndex: 'proposerName' },
    ...(showsAll ? [{ title: t('proposal.key.leader'), key: 'leader', render: (_: unknown, p: KeyBoardItem) => p.leader ?? none }] : []),
    { title: t('proposal.key.leadUnit'), key: 'leadUnit', render: (_, p) => p.leadUnit ?? none },
    { title: t('proposal.dueOn'), key: 'due', render: (_, p) => <Due item={p} /> },
    { title: t('proposal.key.visits'), key: 'visits', align: 'right', render: (_, p) => p.visits },
    { title: t('proposal.key.lastVisit'), key: 'lastVisit', render: (_, p) => <LastVisit item={p} /> },
  ];

  const body = (
    <ResponsiveList<KeyBoardItem>
      items={board.data ?? []}
      rowKey="id"
      columns={columns}
      renderCard={(p) => (
        <Card size="small" className={isOverdue(p) ? 'tx-card-overdue' : undefined}>
          <Flex vertical gap={6}>
            <Typography.Text strong>
              <Link to={`/proposals/${p.id}`}>{p.title}</Link>
            </Typography.Text>
            <Space size={4} wrap>
              <StateTag state={p.state} />
              <Typography.Text type="secondary">{[p.proposerName, showsAll ? p.leader : null, p.leadUnit].filter(Boolean).join(' · ')}</Typography.Text>
            </Space>
            <span>
              {t('proposal.dueOn')}{t('common.labelSep')}<Due item={p} />
            </span>
            <span>
              {t('proposal.key.visits')}{t('common.labelSep')}{p.visits} · {t('proposal.key.lastVisit')}{t('common.labelSep')}<LastVisit item={p} />
            </span>
          </Flex>
        </Card>
      )}
      query={board}
      emptyText={t('proposal.key.empty')}
      table={{ rowClassName: (p) => (isOverdue(p) ? 'tx-row-overdue' : '') }}
    />
  );

  return (
    <>
      <PageHeader
        title={t(ownByDefault ? 'nav.keyProposals' : 'nav.keyBoard')}
        extra={
          <>
            {ownByDefault && (
              <Segmented
                aria-label={t('proposal.key.scope')}
                value={all ? 'all' : 'mine'}
                onChange={(v) => setAll(v === 'all')}
                options={[
                  { value: 'mine', label: t('proposal.key.mine') },
                  { value: 'all', label: t('proposal.key.all') },
                ]}
              />
            )}
            <ExportButton href={withQuery('/api/v1/proposals/key.xlsx', all ? { all: true } : {})} />
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(showsAll ? 'proposal.key.introAll' : 'proposal.key.intro')}
      </Typography.Paragraph>
      {body}
    </>
  );
}
