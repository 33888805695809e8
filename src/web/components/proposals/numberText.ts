// A filed proposal's number in the page's language: the server's 第五届第五次会议 第0270号 in
// Chinese, "Term 5, session 5, No. 0270" in English.
import { useI18n } from '../../i18n';
import { shortNumber } from './model';

interface Numbered { number: number | null; numberLabel: string | null; termNumber: number | null; sessionNumber: number | null }

export function useProposalNumber() {
  const { t, lang } = useI18n();
  return (p: Numbered): string | null => {
    if (lang === 'zh' || !p.number || !p.termNumber || !p.sessionNumber) return p.numberLabel;
    return t('proposal.numberText', { term: p.termNumber, session: p.sessionNumber, number: shortNumber(p.number)! });
  };
}
