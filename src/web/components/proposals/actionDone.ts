// The toast after a proposal action, made from the proposal it returned: 已立案，编号 第0275号.
import { useI18n } from '../../i18n';
import { doneText } from '../actionText';
import { shortNumber } from './model';
import type { Proposal } from './model';

export function useDoneText() {
  const { t } = useI18n();
  return (action: string, label: string, p: Proposal) =>
    doneText(t, 'proposal', action, label, {
      number: shortNumber(p.number) ?? '',
      to: p.convertedTo ? t(`proposal.convertTo.${p.convertedTo}`) : '',
    });
}
