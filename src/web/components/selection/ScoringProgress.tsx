// How far a level's scoring has come: the entries still without a score, and each reviewer's
// scored / total (a staff member or leader, or a lead unit) as a tag, those who have not finished
// first (orange).
import { Alert, Flex, Progress, Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { LevelProgress } from './model';

export const unfinished = (p: LevelProgress) => p.reviewers.filter((r) => r.scored < r.total);

/** "张三 1/40、李四 0/40": the reviewers who have not finished, with their counts. */
export function useUnfinishedNames() {
  const { t } = useI18n();
  return (p: LevelProgress) => unfinished(p)
    .map((r) => t('selection.progress.reviewer', { name: r.name ?? t('selection.progress.noUnit'), scored: r.scored, total: r.total }))
    .join(t('selection.progress.separator'));
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
      <Flex wrap gap={6} role="list" aria-label={t('selection.progress.reviewers')}>
        {progress.reviewers.map((r) => {
          const open = r.scored < r.total;
          return (
            <Tag key={`${r.kind}-${r.id}`} role="listitem" color={open ? 'warning' : 'success'} title={t(open ? 'selection.progress.open' : 'selection.progress.done')} style={{ marginInlineEnd: 0 }}>
              {t('selection.progress.reviewer', { name: r.name ?? t('selection.progress.noUnit'), scored: r.scored, total: r.total })}
            </Tag>
          );
        })}
      </Flex>
    </Flex>
  );
}
