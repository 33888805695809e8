import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { invalid, say } from '../errors.ts';
import { users } from '../schema.ts';
import { members } from '../../modules/org/schema.ts';

// A public account's name is shown beside its online comments as a member's or a leader's is: it may
// not pass for one. Refused: the titles of the committee's offices, and the name of any of its
// members or logins (a citizen of the same name picks a nickname: 网民 names are nicknames).

const TITLES = ['政协', '主席', '委员', '秘书长', '领导', '官方', '管理员', '工作人员', '提案委', '办公室'];
const bare = (s: string) => s.replace(/[\s·•.\-_]/g, '');

export async function checkPublicName(db: Queryable, orgId: string, displayName: string) {
  const name = bare(displayName);
  const title = TITLES.find((w) => name.includes(w));
  if (title) throw invalid('/displayName', say(`昵称不能含“${title}”等职务或机构字样`, `may not hold an office's word such as “${title}”`));
  const ofName = (col: typeof users.displayName | typeof members.name) => sql`regexp_replace(${col}, '[[:space:]·•._-]', '', 'g') = ${name}`;
  const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.orgId, orgId), ofName(members.name))).limit(1);
  const [login] = await db.select({ id: users.id }).from(users)
    .where(and(eq(users.orgId, orgId), ofName(users.displayName), sql`not ${users.roles} @> '["public"]'::jsonb`)).limit(1);
  if (member || login) throw invalid('/displayName', say('该昵称与本政协委员或工作人员的姓名相同，请另取昵称', 'is the name of a member or official of the committee: choose a nickname'));
}
