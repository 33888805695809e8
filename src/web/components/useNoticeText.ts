// A notification in the reader's language: the server stores Chinese text for e-mail and SMS, and
// the parts that vary as params; the web words it as `notice.<kind>[.<params.key>]` (its body as
// that key + `.body`, or `notice.<kind>.body`), falling back to the stored text for old notices.
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import type { AppNotification } from './proposals/model';

/** Params holding a code rather than words, with the message prefix that names the code. */
const CODES: Record<string, string> = { level: 'opinion.level' };

export function useNoticeText() {
  const { t, formatDatesIn } = useI18n();
  const known = (key: string) => t(key as MessageKey) !== key;
  return (n: AppNotification): { title: string; body: string } => {
    const params = n.params;
    const key = `notice.${n.kind}${params?.key ? `.${params.key}` : ''}`;
    if (!params || !known(key)) return { title: n.title, body: formatDatesIn(n.body) };
    const vars = Object.fromEntries(Object.entries(params).map(([name, value]) => {
      const code = CODES[name] && `${CODES[name]}.${value}`;
      return [name, code && known(code) ? t(code as MessageKey) : value];
    }));
    const bodyKey = [`${key}.body`, `notice.${n.kind}.body`].find(known);
    // A body of the user's own words (a reason, an opinion) has no key and shows as written.
    const body = n.body && bodyKey ? t(bodyKey as MessageKey, vars) : n.body;
    return { title: t(key as MessageKey, vars), body: formatDatesIn(body) };
  };
}
