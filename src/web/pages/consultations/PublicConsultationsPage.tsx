// 网络议政 (public): the consultations whose online comments are open, each opening its live page.
import { Link } from 'react-router-dom';
import { Button, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useI18n } from '../../i18n';
import { QueryError } from '../../components/QueryError';
import { KindTag } from '../../components/consultations/tags';
import { usePublicConsultations } from '../../components/consultations/comments';

export default function PublicConsultationsPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const list = usePublicConsultations();
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('live.listTitle')}</Typography.Title>
      <Typography.Text type="secondary">{t('live.listIntro')}</Typography.Text>
      {!list.data ? <Skeleton active /> : !list.data.items.length ? <Empty description={t('live.none')} /> : list.data.items.map((c) => (
        <Flex key={c.id} vertical gap={8} style={{ padding: 12, background: token.colorBgContainer, borderRadius: token.borderRadiusLG, border: `1px solid ${token.colorBorderSecondary}` }}>
          <Link to={`/public/consultations/${c.id}`}><Typography.Text strong style={{ fontSize: 16 }}>{c.title}</Typography.Text></Link>
          <Flex gap={8} align="center"><KindTag kind={c.kind} /></Flex>
          {c.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{c.summary}</Typography.Paragraph>}
          <Flex justify="end"><Link to={`/public/consultations/${c.id}`}><Button type="primary">{t('live.join')}</Button></Link></Flex>
        </Flex>
      ))}
    </Flex>
  );
}
