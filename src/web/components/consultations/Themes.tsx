// The themes of a consultation's comments (GET …/themes), for staff's comments card and the public
// live page: each theme's distinctive words, its size and one representative comment; phone first.
import { Flex, Progress, Skeleton, Tag, Typography, theme } from 'antd';
import { useI18n } from '../../i18n';
import { useThemes } from './comments';

export function ThemeList({ id, enabled = true }: { id: string; enabled?: boolean }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const q = useThemes(id, enabled);
  if (!q.data) return q.isError ? null : <Skeleton active paragraph={{ rows: 2 }} />;
  const data = q.data;
  if (!data.themes.length) return <Typography.Text type="secondary">{data.refreshing || (data.stale && data.total) ? t('themes.computing') : t('themes.none')}</Typography.Text>;
  return (
    <Flex vertical gap={8} role="list" aria-label={t('themes.title')}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('themes.grouped', { count: data.grouped })}{data.stale ? ` · ${t('themes.stale')}` : ''}
      </Typography.Text>
      {data.themes.map((x) => (
        <Flex key={x.key} vertical gap={4} role="listitem" data-theme={x.key}
          style={{ padding: 8, borderRadius: token.borderRadius, border: `1px solid ${token.colorBorderSecondary}` }}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Flex gap={4} wrap>
              {x.key === 'other' ? <Tag>{t('themes.other')}</Tag> : x.words.slice(0, 4).map((w) => <Tag key={w} color="blue">{w}</Tag>)}
            </Flex>
            <Typography.Text type="secondary">{t('themes.count', { count: x.size })}</Typography.Text>
          </Flex>
          <Progress percent={Math.round((x.size / Math.max(1, data.grouped)) * 100)} size="small" showInfo={false} aria-hidden />
          {x.representatives[0] && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, overflowWrap: 'anywhere' }}
              aria-label={t('themes.representative')}>
              “{x.representatives[0].content}”
            </Typography.Paragraph>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
