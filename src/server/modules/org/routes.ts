import type { FastifyInstance } from 'fastify';
import './audit-subjects.ts';
import { Type } from 'typebox';
import { Name } from '../../core/http.ts';
import { sql } from 'drizzle-orm';
import './policies.ts';
import { catalogRoutes } from './catalog.ts';
import { memberRoutes } from './members-routes.ts';
import { backfillNameSort } from './name-sort-backfill.ts';
import { orgRoutesCore } from './orgs-routes.ts';
import { termRoutes } from './terms-routes.ts';
import { userRoutes } from './users-routes.ts';
import { userTokenRoutes } from './user-tokens-routes.ts';
import { committees, members, sectors, units } from './schema.ts';
import { UNIT_KIND_NAMES, UNIT_KINDS } from './values.ts';

const CatalogName = Name(100);
const Id = { id: Type.String(), active: Type.Boolean() };

/** The org module (组织与委员): committees, terms, sectors, special committees, units, members, users. */
export async function orgRoutes(app: FastifyInstance) {
  app.addHook('onReady', async () => { await backfillNameSort(app.db).catch((err) => app.log.error({ err }, 'member name-sort backfill failed')); });
  catalogRoutes(app, {
    path: 'sectors', entity: 'sector', tag: 'sectors', table: sectors, order: [sectors.sort, sectors.name],
    create: Type.Object({ name: CatalogName, sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })) }, { additionalProperties: false }),
    view: Type.Object({ ...Id, name: Type.String(), sort: Type.Integer(), memberCount: Type.Optional(Type.Integer()) }),
    export: { file: 'sectors', name: '界别', columns: [{ header: '排序', value: (r) => r.sort as number, width: 8 }, { header: '委员数', value: (r) => r.memberCount as number, width: 10 }] },
    extras: () => ({
      // (the table named: Drizzle writes the bare columns of a one-table select unqualified, which inside
      // this subquery would be the member's own)
      memberCount: sql<number>`(select count(*)::int from ${members} m where m.org_id = ${sectors}.org_id and m.sector_id = ${sectors}.id and m.active)`,
    }),
  });
  catalogRoutes(app, {
    path: 'committees', entity: 'committee', tag: 'committees', table: committees, order: [committees.name],
    create: Type.Object({ name: CatalogName }, { additionalProperties: false }),
    view: Type.Object({ ...Id, name: Type.String() }),
    export: { file: 'committees', name: '专门委员会', columns: [] },
  });
  catalogRoutes(app, {
    path: 'units', entity: 'unit', tag: 'units', table: units, order: [units.kind, units.name],
    create: Type.Object({ name: CatalogName, kind: Type.Union(UNIT_KINDS.map((k) => Type.Literal(k))) }, { additionalProperties: false }),
    view: Type.Object({ ...Id, name: Type.String(), kind: Type.String() }),
    export: { file: 'units', name: '承办单位', columns: [{ header: '类别', value: (r) => UNIT_KIND_NAMES[r.kind as string], width: 14 }] },
  });
  await app.register(memberRoutes);
  await app.register(userRoutes);
  await app.register(userTokenRoutes);
  await app.register(termRoutes);
  await app.register(orgRoutesCore);
}
