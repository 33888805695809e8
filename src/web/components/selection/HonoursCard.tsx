// 荣誉 on a member's profile: their excellent proposals from announced selections.
import { Link } from 'react-router-dom';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { TrophyOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { QueryError } from '../QueryError';
import { useHonours } from './queries';

export function HonoursCard({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const honours = useHonours(memberId);
  return (
    <Card title={<Space><TrophyOutlined />{t('member.honours')}</Space>}>
      {honours.isError && <QueryError error={honours.error} onRetry={() => void honours.refetch()} />}
      <List
        loading={honours.isPending}
        dataSource={honours.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('member.honours.empty')} /> }}
        renderItem={(h) => (
          <List.Item>
            <Typography.Text>
              <Tag color="gold">{t('member.honours.excellent', { year: h.year })}</Tag>
              <Link to={`/proposals/${h.proposalId}`}>{h.title}</Link>
              {h.role === 'cosigner' && <Typography.Text type="secondary">{t('member.honours.cosignerNote')}</Typography.Text>}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
