// What signing in leads to: the app's frame and home page. Asked for once the login form is typed in
// (not as it loads: a first visit's form comes first), with the rest of the language's strings:
// loaded only after signing in, the screen stayed blank a second or two on a phone.
import { loadLang, readStoredLang } from './i18n';

export const loadAppLayout = () => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout }));
export const loadHomePage = () => import('./pages/HomePage');

let asked = false;

export function preloadAfterLogin() {
  if (asked) return;
  asked = true;
  void Promise.all([loadAppLayout(), loadHomePage(), loadLang(readStoredLang())]).catch(() => undefined);
}
