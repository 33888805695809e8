import fs from 'node:fs';
import { getTableColumns, getTableName } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/server/core/db/schema.ts';

// docs/operations.md tells how to distribute every table on Citus: keep it complete as tables are added.
describe('the Citus guide', () => {
  it('names every table, distributed by org_id or as a reference table', () => {
    const guide = fs.readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
    for (const t of (Object.values(schema) as unknown[]).filter((x): x is PgTable => x instanceof PgTable)) {
      const name = getTableName(t);
      const tenant = 'orgId' in getTableColumns(t);
      expect(guide, name).toContain(tenant ? `create_distributed_table('${name}', 'org_id'` : `create_reference_table('${name}')`);
    }
  });
});
