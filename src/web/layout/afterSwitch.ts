// Where switching committee in the header leads (components/CommitteeSwitch.tsx): the page being
// read, when the new login may open it too, and home otherwise.
import type { UIMatch } from 'react-router-dom';
import { allows, type Access, type Someone } from './roles';

/** What a route of the app tells of its page (App.tsx): who it is for; none, every login. */
export interface PageHandle { access?: Access }

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The same page (a list, a form, a report) when every route of it allows the new login, its filters
 * kept but those naming an item by id; home when the page is an item of the old committee (a path
 * with a parameter: /proposals/:id, and the not-found page's '*') or not for the new login.
 */
export function pageAfterSwitch(matches: readonly UIMatch[], location: { pathname: string; search: string }, user: Someone): string {
  const page = matches.at(-1);
  if (!page || Object.keys(page.params).length > 0) return '/';
  const allowed = matches.every((m) => {
    const need = (m.handle as PageHandle | undefined)?.access;
    return !need || allows(need, user);
  });
  if (!allowed) return '/';
  const query = new URLSearchParams(location.search);
  for (const [key, value] of [...query]) if (ID.test(value)) query.delete(key);
  const search = query.toString();
  return location.pathname + (search ? `?${search}` : '');
}
