// A level's entries: title, proposer, lead unit, average score at the level, outcome; each with the
// scores and comments of the levels so far, and a 评分 button for the caller's own reviews.
import { Link } from 'react-router-dom';
import { Button, Card, Collapse, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../layout/useIsMobile';
import { OUTCOME_COLORS } from './model';
import type { Entry } from './model';

function Outcome({ entry, last }: { entry: Entry; last: boolean }) {
  const { t } = useI18n();
  if (entry.excellent && last) return <Tag color="gold">{t('selection.outcome.excellent')}</Tag>;
  return <Tag color={OUTCOME_COLORS[entry.outcome]}>{t(`selection.outcome.${entry.outcome}`)}</Tag>;
}

function Reviews({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4}>
      <Typography.Text>
        {t(entry.nominatedAs === 'self' ? 'selection.entry.self' : 'selection.entry.staff')}{t('common.labelSep')}{entry.reason}
      </Typography.Text>
      <List
        size="small"
        dataSource={entry.reviews}
        locale={{ emptyText: t('selection.reviews.none') }}
        renderItem={(r) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Typography.Text>
              <Tag>{r.levelName}</Tag>
              <Typography.Text strong>{r.score}</Typography.Text>
              {r.comment ? ` · ${r.comment}` : ''}
              <Typography.Text type="secondary"> · {r.reviewerName}</Typography.Text>
            </Typography.Text>
          </List.Item>
        )}
      />
    </Flex>
  );
}

interface Props { entries: Entry[]; loading: boolean; last: boolean; onReview: (e: Entry) => void }

export function EntryList({ entries, loading, last, onReview }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const none = t('common.none');
  const title = (e: Entry) => <Link to={`/proposals/${e.proposalId}`}>{e.title}</Link>;
  const review = (e: Entry) =>
    e.mayReview && (
      <Button size="small" type={e.myReview ? 'default' : 'primary'} aria-label={`${t('selection.review')} ${e.title}`} onClick={() => onReview(e)}>
        {e.myReview ? t('selection.review.again') : t('selection.review')}
      </Button>
    );
  const mine = (e: Entry) => e.myReview && <Typography.Text type="secondary">{t('selection.review.mine', { score: e.myReview.score })}</Typography.Text>;
  const empty = <Empty description={t('selection.entry.empty')} />;

  if (isMobile) {
    if (!loading && !entries.length) return empty;
    return (
      <Flex vertical gap={8}>
        {entries.map((e) => (
          <Card size="small" key={e.id} loading={loading}>
            <Flex vertical gap={6}>
              <Typography.Text strong>{title(e)}</Typography.Text>
              <Typography.Text type="secondary">{[e.proposerName, e.leadUnitName].filter(Boolean).join(' · ')}</Typography.Text>
              <Space size={8} wrap>
                <Outcome entry={e} last={last} />
                {e.score !== null && <span>{t('selection.entry.score')}{t('common.labelSep')}{e.score}</span>}
                {mine(e)}
                {review(e)}
              </Space>
              <Collapse size="small" ghost items={[{ key: 'reviews', label: t('selection.reviews'), children: <Reviews entry={e} /> }]} />
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  }
  const columns: TableColumnsType<Entry> = [
    { title: t('selection.entry.title'), key: 'title', width: 320, render: (_, e) => title(e) },
    { title: t('selection.entry.proposer'), dataIndex: 'proposerName', key: 'proposer' },
    { title: t('selection.entry.leadUnit'), key: 'unit', render: (_, e) => e.leadUnitName ?? none },
    { title: t('selection.entry.score'), key: 'score', align: 'right', render: (_, e) => e.score ?? none },
    { title: t('selection.entry.outcome'), key: 'outcome', render: (_, e) => <Outcome entry={e} last={last} /> },
    { title: t('common.actions'), key: 'actions', render: (_, e) => <Space size={8}>{mine(e)}{review(e)}</Space> },
  ];
  return (
    <Table<Entry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={false}
      locale={{ emptyText: empty }}
      expandable={{ expandedRowRender: (e) => <Reviews entry={e} /> }}
    />
  );
}
