// 历史记录: every state change and edit of a proposal (or another item under `base`), from GET <base>/:id/history.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { HistoryCard } from '../HistoryCard';
import { DOMAINS, SATISFACTIONS, shortNumber } from './model';
import type { ContactKind, Domain, ProposalState, Satisfaction, SupervisionKind } from './model';
import { useProposalHistory } from './queries';
import { StateTag } from './ProposalTags';

interface Props {
  proposalId: string;
  base?: string;
  /** The item's own state tag (default: a proposal's). */
  stateTag?: (state: string) => ReactNode;
}

export function HistoryTimeline({ proposalId, base, stateTag = (state) => <StateTag state={state as ProposalState} /> }: Props) {
  const { t, formatDate, formatDatesIn } = useI18n();
  const history = useProposalHistory(proposalId, base);

  // Notes are written by the server; a few are codes worth a label, some after a unit's name
  // (市教育局：phone 2026-09-28).
  const codeText = (action: string, note: string) => {
    if (action === 'evaluate' && (SATISFACTIONS as readonly string[]).includes(note)) return t(`proposal.satisfaction.${note as Satisfaction}`);
    const contact = /^(visit|phone|meeting|note) (\d{4}-\d{2}-\d{2})$/.exec(note);
    if (action === 'logContact' && contact) return `${t(`proposal.contactKind.${contact[1] as ContactKind}`)} · ${formatDate(contact[2])}`;
    const supervised = /^(visit|meeting|research) (\d{4}-\d{2}-\d{2})：([\s\S]*)$/.exec(note);
    if (action === 'supervised' && supervised) {
      return `${t(`proposal.supervision.kind.${supervised[1] as SupervisionKind}`)} · ${formatDate(supervised[2])}${t('common.labelSep')}${supervised[3]}`;
    }
    const filed = /^第(\d+)号$/.exec(note);
    if (action === 'file' && filed) return t('proposal.history.filedAs', { number: shortNumber(Number(filed[1]))! });
    const category = /^([ABC])类$/.exec(note);
    if (action === 'reply' && category) return t('proposal.history.category', { category: category[1]! });
    const classified = /^(\S+) → (\S+)$/.exec(note);
    const domainText = (d: string) => ((DOMAINS as readonly string[]).includes(d) ? t(`proposal.domain.${d as Domain}`) : t('common.none'));
    if (action === 'classify' && classified) return t('proposal.history.classified', { from: domainText(classified[1]!), to: domainText(classified[2]!) });
    if (action === 'rate' && /^\d\/\d\/\d$/.test(note)) return note; // topic/research/feasibility stars
    const units = /^主办 1 家、协办 (\d+) 家$/.exec(note);
    if ((action === 'assign' || action === 'reassign') && units) return t('proposal.history.units', { co: units[1]! });
    if (action === 'created' && note === '提案办代为录入（委员书面提交）') return t('proposal.history.enteredByOffice');
    return undefined;
  };
  // (a reply, return or reassignment that settled a pending extension request says so on a line of its own)
  const SETTLED: Record<string, string> = { 待审批的延期申请随之撤回: 'proposal.history.extensionWithdrawn', 待审批的延期申请随之失效: 'proposal.history.extensionLapsed' };
  const noteText = (action: string, note: string): string => {
    const settled = /^([\s\S]*)\n(待审批的延期申请随之(?:撤回|失效))$/.exec(note);
    if (settled) return `${noteText(action, settled[1]!)}\n${t(SETTLED[settled[2]!] as 'proposal.history.extensionLapsed')}`;
    const own = codeText(action, note);
    if (own !== undefined) return own;
    const unit = /^([^：\n]+)：([\s\S]+)$/.exec(note);
    const coded = unit ? codeText(action, unit[2]!) : undefined;
    return unit && coded !== undefined ? `${unit[1]}${t('common.labelSep')}${coded}` : formatDatesIn(note);
  };

  return (
    <HistoryCard
      title={t('proposal.section.history')}
      history={history}
      actions="proposal.action"
      stateTag={stateTag}
      noteText={noteText}
      emptyText={t('proposal.history.empty')}
      systemName={t('proposal.history.system')}
    />
  );
}
