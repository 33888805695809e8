// The state tag of a report, the level tag of an adoption or 批示, and a member's quota progress.
import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { LEVEL_COLORS, OPINION_STATE_COLORS } from './model';
import type { Level, OpinionState } from './model';
import { useMyQuota, useOpinionSettings } from './queries';

export function OpinionStateTag({ state }: { state: OpinionState }) {
  const { t } = useI18n();
  return <Tag color={OPINION_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`opinion.state.${state}`)}</Tag>;
}

export function LevelTag({ level }: { level: Level }) {
  const { t } = useI18n();
  return <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }}>{t(`opinion.level.${level}`)}</Tag>;
}

/** This year's reports against the member's quota (nothing for a login that is no member's). */
export function QuotaProgress() {
  const { t } = useI18n();
  const quota = useMyQuota();
  const settings = useOpinionSettings();
  const m = quota.data?.member;
  if (!m) return null;
  const percent = m.quota ? Math.min(100, Math.round((m.submitted / m.quota) * 100)) : 100;
  return (
    <Card size="small" role="group" aria-label={t('opinion.quota.title', { year: quota.data!.year })}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Text strong>{t('opinion.quota.title', { year: quota.data!.year })}</Typography.Text>
          {settings.data && (
            <Typography.Text type="secondary">
              {t(m.standing ? 'opinion.quota.standing' : 'opinion.quota.member', { quota: m.quota })}
            </Typography.Text>
          )}
        </Flex>
        <Progress percent={percent} status={m.met ? 'success' : 'active'} showInfo={false} />
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Text>{t('opinion.quota.progress', { submitted: m.submitted, quota: m.quota })}</Typography.Text>
          <Typography.Text type={m.met ? 'success' : 'warning'}>
            {m.met ? t('opinion.quota.met') : t('opinion.quota.behind', { left: m.quota - m.submitted })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">{t('opinion.quota.adopted', { adopted: m.adopted })}</Typography.Text>
      </Flex>
    </Card>
  );
}
