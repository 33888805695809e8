import { sql, type SQL } from 'drizzle-orm';
import { users } from '../../core/schema.ts';

// One person, several committees: a member of the city and of a county committee has a member
// record in each, and one account (core/auth/accounts.ts) whose memberships link to them. A figure
// that adds members up across committees counts a person once, by this key: the account of the
// login linked to the member record, or — for a member without a linked login — the record itself.

/**
 * `rows` (a statement with columns `org_id` and `member_id`) with `person`: the person behind each
 * row's member, as text. The accounts linked to member records are read once, grouped by record, and
 * joined (not looked up row by row: a province's 双创 rows are half a million).
 */
export const withPerson = (rows: SQL): SQL => sql`select r.*, coalesce(a.account, r.org_id::text || ':' || r.member_id::text) as person from (${rows}) r
  left join (select ${users.orgId} as org_id, ${users.memberId} as member_id, min(${users.accountId}::text) as account from ${users}
    where ${users.accountId} is not null and ${users.memberId} is not null group by 1, 2) a on a.org_id = r.org_id and a.member_id = r.member_id`;
