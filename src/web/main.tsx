import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { ApiError } from './api';
import { AuthProvider } from './auth';
import { I18nProvider, loadLang, readStoredLang, useI18n } from './i18n';
import { App } from './App';
import './styles.css';

// A page open across a new build asks for scripts the server no longer has (their names are
// hashed): load the new build instead, once — not again within a minute, so a server that answers
// no script at all shows the error page rather than reloading for ever.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('tongxin.reloadedForBuild') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('tongxin.reloadedForBuild', String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Client errors (403, 404, 422) will not change on retry.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

// Who asks their system for less motion gets none (WCAG 2.3.3), as the charts already do.
const motion = !matchMedia('(prefers-reduced-motion: reduce)').matches;

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6, motion } }}
    >
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

// An English page waits for its strings (their own chunk); a Chinese one renders at once, the login
// page with the strings in the entry (the rest follow, I18nProvider).
const lang = readStoredLang();
void (lang === 'en' ? loadLang(lang) : Promise.resolve()).finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </StrictMode>,
  ),
);
