// Simplified Chinese first; English as a switch. Every visible string goes through t().
// The strings come in three parts: the login page's and the shell's (messages/shell.ts) in the entry,
// the rest of the Chinese ones (i18n-zh.ts) and the English ones (i18n-en.ts) as chunks of their own.
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { shellZh } from './messages/shell';
import type { zh as zhRest } from './i18n-zh';

export type MessageKey = keyof typeof shellZh | keyof typeof zhRest;
export type Dictionary = Record<MessageKey, string>;

export type Lang = 'zh' | 'en';
/** Each language's strings so far: Chinese starts with the shell's, English with none. */
const dictionaries: Record<Lang, Partial<Dictionary>> = { zh: shellZh, en: {} };
const complete = new Map<Lang, Promise<void>>();
let english: typeof import('./i18n-en') | undefined;

/** Where the committee's days are counted (the server's deadlines and "today"). */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/**
 * Loads all of a language's strings (once; a failed load is tried again on the next call). An
 * English page waits for them before its first render; a Chinese one renders the login page with
 * the shell's and loads the rest after it (I18nProvider), and every lazy page waits for them
 * (App.tsx), so no page shows before its strings.
 */
export function loadLang(lang: Lang): Promise<void> {
  let loading = complete.get(lang);
  if (!loading) {
    loading = lang === 'en'
      ? import('./i18n-en').then((m) => { english = m; dictionaries.en = m.en; })
      : import('./i18n-zh').then((m) => { dictionaries.zh = { ...m.zh, ...shellZh }; });
    loading.catch(() => complete.delete(lang));
    complete.set(lang, loading);
  }
  return loading;
}
const loaded = (lang: Lang) => (lang === 'en' ? !!english : dictionaries.zh !== shellZh);
const STORAGE_KEY = 'tongxin.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Display label for a stored Chinese value (party, gender). */
  label: (kind: 'party' | 'gender', value: string | null | undefined) => string;
  /** Date-time formatting for the current language. */
  formatDateTime: (iso: string | null | undefined) => string;
  formatDate: (iso: string | null | undefined) => string;
  /** A text with YYYY-MM-DD days in it (a server's note) with those days as formatDate writes them. */
  formatDatesIn: (text: string) => string;
  /** The same day format for date pickers (dayjs tokens). */
  dateFormat: string;
}

/** The chosen language (also what the API client asks the server's messages in). */
export function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // storage unavailable
  }
  return 'zh';
}

/** `{n}` is the value; `{n:contact|contacts}` the word for one or for any other number (English plurals). */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (match, name: string, one?: string, other?: string) => {
    if (!(name in vars)) return match;
    if (one === undefined) return String(vars[name]);
    return Number(vars[name]) === 1 ? one : other!;
  });
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    void loadLang(next).then(() => setLangState(next));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = dictionaries[lang]['app.name'] ?? shellZh['app.name'];
  }, [lang]);

  // The rest of the strings, once the first page (the login form) is on the screen and the page is
  // idle: fetched while the user types, not before the form. Nothing shown needs them (the entry's
  // pages use the shell's strings, every lazy page waits for them), so their arrival re-renders nothing.
  useEffect(() => {
    if (loaded(lang)) return;
    const prefetch = () => void loadLang(lang).catch(() => {});
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(prefetch, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(prefetch, 500);
    return () => clearTimeout(id);
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const none = dict['common.none'] ?? shellZh['common.none'];
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    // The committee's clock wherever the browser is: its days and deadlines are China's, as the server counts them.
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA_TIME_ZONE });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: CHINA_TIME_ZONE });
    // A bare YYYY-MM-DD is a calendar date: format it in UTC so it never shifts a day.
    const calendarDate = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const safe = (fmt: Intl.DateTimeFormat, iso: string | null | undefined) => {
      if (!iso) return none;
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) fmt = calendarDate;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
    };
    return {
      lang,
      setLang,
      // Looked up at each call: the dictionary grows when the rest of the strings arrive.
      t: (key, vars) => interpolate(dictionaries[lang][key] ?? dictionaries.zh[key] ?? key, vars),
      label: (kind, value) => {
        if (!value) return none;
        if (lang === 'zh') return value;
        const table = (kind === 'party' ? english?.partyEn : english?.genderEn) ?? {};
        return table[value] ?? value;
      },
      formatDateTime: (iso) => safe(dateTime, iso),
      formatDate: (iso) => safe(date, iso),
      formatDatesIn: (text) => text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => safe(date, day)),
      dateFormat: lang === 'zh' ? 'YYYY年M月D日' : 'D MMM YYYY',
    };
  }, [lang, setLang]);

  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
