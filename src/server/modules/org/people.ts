import { sql, type SQL } from 'drizzle-orm';
import { users } from '../../core/schema.ts';

// One person, several committees: a member of the city and of a county committee has a member
// record in each, and one account (core/auth/accounts.ts) whose memberships link to them. A figure
// that adds members up across committees counts a person once, by this key: the account of the
// login linked to the member record, or — for a member without a linked login — the record itself.

/** The person behind the member `memberId` of committee `orgId` (SQL expressions of a row), as text. */
export const personKey = (orgId: SQL, memberId: SQL): SQL => sql`coalesce(
  (select min(${users.accountId}::text) from ${users} where ${users.orgId} = ${orgId} and ${users.memberId} = ${memberId} and ${users.accountId} is not null),
  ${orgId}::text || ':' || ${memberId}::text)`;
