// 评选结果: the excellent proposals (best score first) and the excellent handling units.
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import type { Results as ResultsData } from './model';

/** `linkTo`: where a proposal's title leads (null: plain text). */
export function Results({ results, announcedAt, linkTo }: { results: ResultsData; announcedAt: string | null; linkTo: (p: ResultsData['proposals'][number]) => string | null }) {
  const { t, formatDate } = useI18n();
  return (
    <Card title={<Space><TrophyOutlined />{t('selection.results')}</Space>} extra={announcedAt && <Typography.Text type="secondary">{t('selection.results.announcedAt', { date: formatDate(announcedAt) })}</Typography.Text>}>
      <Typography.Title level={5}>{t('selection.results.proposals')}</Typography.Title>
      <List
        dataSource={results.proposals}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('selection.results.none')} /> }}
        renderItem={(p, i) => {
          const to = linkTo(p);
          return (
            <List.Item>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {i + 1}. {to ? <Link to={to}>{p.title}</Link> : p.title}
                </Typography.Text>
                <Typography.Text type="secondary">{[p.proposerName, p.leadUnitName].filter(Boolean).join(' · ')}</Typography.Text>
              </Flex>
            </List.Item>
          );
        }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('selection.results.units')}</Typography.Title>
      <div role="list" aria-label={t('selection.results.units')}>
        {results.units.length ? (
          <Space size={[4, 8]} wrap>
            {results.units.map((u) => (
              <Tag role="listitem" color="gold" key={u}>{u}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('selection.results.none')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
