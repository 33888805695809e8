// Where switching committee in the header leads (components/CommitteeSwitch.tsx): the page being
// read, when the new login may open it too, and home otherwise.
import type { UIMatch } from 'react-router-dom';
import type { Role } from '../types';

/** What a route of the app tells of its page (App.tsx): the roles it is for; none, every login. */
export interface PageHandle { roles?: Role[] }

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The same page (a list, a form, a report) when every route of it allows one of the new login's
 * roles, its filters kept but those naming an item by id; home when the page is an item of the old
 * committee (a path with a parameter: /proposals/:id, and the not-found page's '*') or not for the
 * new roles.
 */
export function pageAfterSwitch(matches: readonly UIMatch[], location: { pathname: string; search: string }, roles: readonly Role[]): string {
  const page = matches.at(-1);
  if (!page || Object.keys(page.params).length > 0) return '/';
  const allowed = matches.every((m) => {
    const need = (m.handle as PageHandle | undefined)?.roles;
    return !need || need.some((r) => roles.includes(r));
  });
  if (!allowed) return '/';
  const query = new URLSearchParams(location.search);
  for (const [key, value] of [...query]) if (ID.test(value)) query.delete(key);
  const search = query.toString();
  return location.pathname + (search ? `?${search}` : '');
}
