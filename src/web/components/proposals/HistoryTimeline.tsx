// 历史记录: every state change and edit of a proposal, from GET /proposals/:id/history.
import { useI18n } from '../../i18n';
import { HistoryCard } from '../HistoryCard';
import { SATISFACTIONS } from './model';
import type { ContactKind, Satisfaction, SupervisionKind } from './model';
import { useProposalHistory } from './queries';
import { StateTag } from './ProposalTags';

export function HistoryTimeline({ proposalId }: { proposalId: string }) {
  const { t, formatDate } = useI18n();
  const history = useProposalHistory(proposalId);

  // Notes are written by the server; a few are codes worth a label.
  const noteText = (action: string, note: string) => {
    if (action === 'evaluate' && (SATISFACTIONS as readonly string[]).includes(note)) return t(`proposal.satisfaction.${note as Satisfaction}`);
    const contact = /^(visit|phone|meeting|note) (\d{4}-\d{2}-\d{2})$/.exec(note);
    if (action === 'logContact' && contact) return `${t(`proposal.contactKind.${contact[1] as ContactKind}`)} · ${formatDate(contact[2])}`;
    const supervised = /^(visit|meeting|research) (\d{4}-\d{2}-\d{2})：([\s\S]*)$/.exec(note);
    if (action === 'supervised' && supervised) {
      return `${t(`proposal.supervision.kind.${supervised[1] as SupervisionKind}`)} · ${formatDate(supervised[2])}：${supervised[3]}`;
    }
    return note;
  };

  return (
    <HistoryCard
      title={t('proposal.section.history')}
      history={history}
      actions="proposal.action"
      stateTag={(state) => <StateTag state={state} />}
      noteText={noteText}
      emptyText={t('proposal.history.empty')}
      systemName={t('proposal.history.system')}
    />
  );
}
