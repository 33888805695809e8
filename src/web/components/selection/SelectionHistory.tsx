// 评选记录: every change of a round, from GET /selections/:id/history (staff, leaders, admins).
import { useI18n } from '../../i18n';
import { HistoryCard } from '../HistoryCard';
import type { RoundState } from './model';
import { useSelectionHistory } from './queries';
import { RoundStateTag } from './RoundStateTag';

export function SelectionHistory({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  return (
    <HistoryCard<RoundState>
      title={t('selection.history')}
      history={useSelectionHistory(roundId)}
      actions="selection.action"
      stateTag={(state) => <RoundStateTag state={state} />}
      emptyText={t('selection.history.empty')}
      systemName={t('selection.history.system')}
    />
  );
}
