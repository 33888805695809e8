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

/** How often it was supervised and when last, or 尚未督办. */
function Supervision({ item }: { item: KeyBoardItem }) {
  const { t, formatDate } = useI18n();
  if (!item.visits || !item.lastVisit) return <Typography.Text type="secondary">{t('proposal.key.never')}</Typography.Text>;
  return (
    <Flex wrap gap="0 6px">
      <span>{t('proposal.key.times', { n: item.visits })}</span>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('proposal.key.lastOn', { date: formatDate(item.lastVisit) })}</Typography.Text>
    </Flex>
  );
}

export default function KeyProposalsPage() {
  const user = useUser();
  const { t } = useI18n();
  const ownByDefault = leadsOwnKeyProposals(user.roles);
  const [all, setAll] = useState(false);
  const board = useKeyBoard(ownByDefault && all);
  const showsAll = !ownByDefault || all;
  const none = t('common.none');

  // Seven columns fit a 1366 px screen beside the menu: the proposer goes under the title, the
  // supervision count with its last date.
  const columns: TableColumnsType<KeyBoardItem> = [
    {
      title: t('proposal.title'), key: 'title',
      render: (_, p) => (
        <Flex vertical>
          <Link to={`/proposals/${p.id}`}>{p.title}</Link>
          <Typography.Text type="secondary">{p.proposerName}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('proposal.state'), key: 'state', render: (_, p) => <StateTag state={p.state} /> },
    ...(showsAll ? [{ title: t('proposal.key.leader'), key: 'leader', render: (_: unknown, p: KeyBoardItem) => p.leader ?? none }] : []),
    { title: t('proposal.key.leadUnit'), key: 'leadUnit', width: 170, render: (_, p) => p.leadUnit ?? none },
    { title: t('proposal.dueOn'), key: 'due', width: 150, render: (_, p) => <Due item={p} /> },
    { title: t('proposal.key.supervision'), key: 'supervision', width: 160, render: (_, p) => <Supervision item={p} /> },
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
            <Flex gap={4}>
              <span>{t('proposal.key.supervision')}{t('common.labelSep')}</span>
              <Supervision item={p} />
            </Flex>
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
