import { eq, or } from 'drizzle-orm';
import type { Db } from '../../core/db/client.ts';
import { orgs } from '../../core/schema.ts';
import { Problem, inLang } from '../../core/errors.ts';
import { ORG_LEVELS } from './values.ts';
import { insertCommittee, setCommitteeAdmin } from './committees-below.ts';

// `tongxin org create --name N --level L [--code C] [--region R] [--parent <id or code>]
//  [--admin username] [--password P]`: a committee and its first admin, for an operator — a top
// committee (no --parent) or one directly below another. The same checks as the web app's
// (committees-below.ts); the admin's password is temporary and, when not given, generated and
// printed once.

export class OrgCliError extends Error {}

export interface OrgCreateOptions { name?: string; level?: string; code?: string; region?: string; parent?: string; admin?: string; password?: string }

export async function createOrgFromCli(db: Db, o: OrgCreateOptions): Promise<string> {
  if (!o.name?.trim()) throw new OrgCliError('org create needs --name');
  if (!o.level || !(ORG_LEVELS as readonly string[]).includes(o.level)) throw new OrgCliError(`org create needs --level, one of: ${ORG_LEVELS.join(', ')}`);
  if (o.code && !/^[A-Za-z0-9_-]{1,32}$/.test(o.code)) throw new OrgCliError('--code: 1–32 letters, digits, "-" or "_"');
  const username = o.admin ?? 'admin';
  if (!/^[A-Za-z0-9_.@-]{2,64}$/.test(username)) throw new OrgCliError('--admin: 2–64 letters, digits or . _ @ -');
  try {
    return await db.transaction(async (tx) => {
      let parent = null;
      if (o.parent) {
        const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(o.parent);
        [parent] = await tx.select().from(orgs).where(uuid ? or(eq(orgs.id, o.parent), eq(orgs.code, o.parent)) : eq(orgs.code, o.parent));
        if (!parent) throw new OrgCliError(`No committee with id or code "${o.parent}"`);
      }
      const org = await insertCommittee(tx, parent ?? null, { name: o.name!, level: o.level!, code: o.code, region: o.region });
      const { password } = await setCommitteeAdmin(tx, org, { username, password: o.password });
      return [
        `Created ${org.name} (${org.level}${org.code ? `, code ${org.code}` : ''}${parent ? `, under ${parent.name}` : ''}): ${org.id}`,
        password
          ? `Its admin: user "${username}", password "${password}" (shown once; to be changed at first login)`
          : `Its admin: user "${username}", with the password given (to be changed at first login)`,
      ].join('\n');
    });
  } catch (err) {
    // The checks' problems (a taken code, a wrong level, a weak password) as one line.
    if (err instanceof Problem) throw new OrgCliError(inLang(err.detail ?? err.title, 'en'));
    throw err;
  }
}
