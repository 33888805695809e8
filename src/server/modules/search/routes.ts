import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { clientOf } from '../../core/auth/throttle.ts';
import { pageOf, Uuid } from '../../core/http.ts';
import { NAME_PATTERN } from '../../core/text/fields.ts';
import { readerOrg } from '../org/visitor.ts';
import { logQuery, relatedQueries, search, SEARCH_KINDS } from './queries.ts';

const tags = ['search'];
const Q = Type.String({ minLength: 1, maxLength: 100, pattern: NAME_PATTERN });
const Kind = Type.Union(SEARCH_KINDS.map((k) => Type.Literal(k)));
// Public: visitors search what the public may read; public accounts search as themselves (their own comments too).
const config = { public: true, publicAccounts: true } as const;

export async function searchRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  /** The committee searched: the caller's, or for a visitor the one named (an active one; else nothing), or the deployment's own (org/visitor.ts). */
  const orgOf = (req: FastifyRequest, named?: string) => readerOrg(app.db, req.actor, named);
  /** Who searched, for "people who searched this also searched": a user, or a visitor's address and browser hashed with the day. */
  const searcher = (req: FastifyRequest) => req.actor?.id
    ?? `v:${app.keys.digest(`search\n${clientOf(req.ip ?? '')}\n${req.headers['user-agent'] ?? ''}\n${new Date().toISOString().slice(0, 10)}`).slice(0, 22)}`;

  app.get('/search', {
    config,
    schema: {
      tags, summary: 'Search across everything the caller may read: proposals, replies, 社情民意, consultations, comments, documents, 双联 contact logs (snippet: escaped HTML with <mark>)',
      querystring: Type.Object({
        q: Q, kind: Type.Optional(Kind),
        /** Only what falls in this year (the year of each result's date). */
        year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })),
        /** Only what falls in this category: a proposal's (or its reply's) domain, a document's library category. */
        category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
        page: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
        pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
        orgId: Type.Optional(Uuid),
      }, { additionalProperties: false }),
    },
  }, async (req) => {
    const { q, kind, page, pageSize, year, category } = req.query;
    const orgId = await orgOf(req, req.query.orgId);
    if (!orgId) return { items: [], total: 0, totalCapped: false, capped: [], estimates: {}, totalEstimate: 0, page, pageSize, counts: {}, years: [], categories: [] };
    const found = await search(app.db, req.actor, orgId, q, { kind, year, category }, pageOf({ page, pageSize }));
    // The first page of a search is one search in the log (paging on is not another).
    if (page === 1) await logQuery(app.db, { orgId, q, kind, actor: req.actor, searcher: searcher(req), resultCount: found.total });
    // total: at most SEARCH_CAP per kind; totalCapped: there are more ("100+"), capped: the kinds that have more;
    // estimates: for those kinds, about how many (two significant digits), totalEstimate: about how many in all;
    // words: the query's words searched for (none when it held only words too common to search by).
    return {
      items: found.items, total: found.total, totalCapped: found.totalCapped, capped: found.capped, estimates: found.estimates, totalEstimate: found.totalEstimate,
      page, pageSize, counts: found.counts, years: found.years, categories: found.categories, words: found.words,
    };
  });

  app.get('/search/related', {
    config,
    schema: {
      tags, summary: 'Related searches: what people who made this search also searched, then searches sharing a word with it',
      querystring: Type.Object({ q: Q, orgId: Type.Optional(Uuid) }, { additionalProperties: false }),
    },
  }, async (req) => {
    const orgId = await orgOf(req, req.query.orgId);
    return { items: orgId ? await relatedQueries(app.db, req.actor, orgId, req.query.q) : [] };
  });
}
