import fs from 'node:fs';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/server/core/db/schema.ts';

// docs/operations.md tells how to distribute every table on Citus: keep it complete as tables are added.
// A table without a committee is a reference table, or stays on the coordinator when every request
// writes it (a reference table's write goes to every node), which the guide then says.
describe('the Citus guide', () => {
  it('names every table, distributed by org_id, as a reference table or kept on the coordinator', () => {
    const guide = fs.readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
    for (const t of (Object.values(schema) as unknown[]).filter((x): x is PgTable => x instanceof PgTable)) {
      const name = getTableName(t);
      const tenant = 'orgId' in getTableColumns(t);
      if (tenant) expect(guide, name).toContain(`create_distributed_table('${name}', 'org_id'`);
      else expect(guide, name).toMatch(new RegExp(`create_reference_table\\('${name}'\\)|-- ${name} .*stays a plain table on the coordinator`));
    }
  });
});
