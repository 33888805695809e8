// How far a level's scoring has come: the entries still without a score, and each reviewer's
// scored / total (a staff member or leader, or a lead unit), those who have not finished first.
import { Alert, Flex, Progress, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { LevelProgress } from './model';

export const unfinished = (p: LevelProgress) => p.reviewers.filter((r) => r.scored < r.total);

/** "张三 1/40、李四 0/40": the reviewers who have not finished, with their counts. */
export function useUnfinishedNames() {
  const { t } = useI18n();
  return (p: LevelProgress) => unfinished(p).map((r) => `${r.name ?? t('selection.progress.noUnit')} ${r.scored}/${r.total}`).join(t('selection.progress.separator'));
}

export function ScoringProgress({ progress }: { progress: LevelProgress }) {
  const { t } = useI18n();
  if (!progress.scoring || !progress.entries) return null;
  const scored = progress.entries - progress.unscored;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} role="group" aria-label={t('selection.progress.title')}>
      <Alert
        type={progress.unscored ? 'warning' : 'success'}
        showIcon
        title={progress.unscored
          ? t('selection.progress.unscored', { unscored: progress.unscored, entries: progress.entries })
          : t('selection.progress.allScored', { entries: progress.entries })}
      />
      <Progress percent={Math.round((scored / progress.entries) * 100)} size="small" aria-label={t('selection.progress.title')} />
      <Flex vertical gap={4} role="list" aria-label={t('selection.progress.reviewers')}>
        {progress.reviewers.map((r) => (
          <Flex key={`${r.kind}-${r.id}`} role="listitem" gap={8} wrap align="baseline" justify="space-between">
            <Typography.Text>{r.name ?? t('selection.progress.noUnit')}</Typography.Text>
            <Typography.Text type={r.scored < r.total ? 'warning' : 'success'}>
              {t(r.scored < r.total ? 'selection.progress.reviewerOpen' : 'selection.progress.reviewerDone', { scored: r.scored, total: r.total })}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}
