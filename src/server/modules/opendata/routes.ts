import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, Uuid } from '../../core/http.ts';
import { attachment } from '../../core/xlsx.ts';
import { openDataZip } from './export.ts';

/** Each caller (a login, else an address) builds at most this many archives a minute: it reads every published record. */
export const OPEN_DATA_PER_MINUTE = 10;
const Query = Type.Object({ org: Type.Optional(Uuid) }, { additionalProperties: false });

export async function openDataRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/open-data.zip', {
    config: {
      public: true, publicAccounts: true,
      rateLimit: { max: OPEN_DATA_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.actor?.id ?? req.ip ?? 'gone', allowList: () => false },
    },
    schema: {
      tags: ['open data'], querystring: Query, response: { ...errorResponses, 429: Type.Ref('Problem') },
      summary: 'Everything published, as CSV files in a ZIP with a README (zh, en): published proposals and their replies, public consultations, public library documents\' metadata; contact details masked (anyone; org= one committee)',
    },
  }, async (req, reply) => {
    const zip = await openDataZip(app.db, req.query.org);
    return reply.type('application/zip').header('content-disposition', attachment('tongxin-open-data.zip', '同心公开数据.zip')).header('cache-control', 'no-store').send(Buffer.from(zip));
  });
}
