// A report's number in the page's language: the server's 社情民意〔2026〕第15期 in Chinese,
// "2026 No. 15" in English.
import { useI18n } from '../../i18n';

interface Numbered { number: number | null; numberYear: number | null; numberLabel: string | null }

export function useOpinionNumber() {
  const { t, lang } = useI18n();
  return (o: Numbered): string | null =>
    lang === 'zh' || !o.number || !o.numberYear ? o.numberLabel : t('opinion.numberEn', { year: o.numberYear, number: o.number });
}
