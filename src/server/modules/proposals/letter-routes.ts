import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.ts';
import { errorResponses, Uuid } from '../../core/http.ts';
import { orgs } from '../../core/schema.ts';
import { plenarySessions, terms, units } from '../org/schema.ts';
import { replies } from '../handling/schema.ts';
import { chineseFont, chineseNumber, committeeShortName, DOCX_TYPE, letterDocx, letterPdf, mapLetterText, PDF_TYPE, replyLetter, type LetterContent } from '../handling/letter.ts';
import { KIND, loadReadable, publicView } from './access.ts';
import { redactContacts } from '../../core/text/redact.ts';

// 答复函: a reply of a proposal as the unit's official letter, in Word and PDF. Whoever may read
// the proposal may download it (the public too, once the proposal is published); others get 404.

const Params = Type.Object({ id: Uuid, replyId: Uuid }, { additionalProperties: false });

/** The letter of one reply, and the name of its file (without extension). */
async function letterOf(req: FastifyRequest, id: string, replyId: string): Promise<{ content: LetterContent; name: string }> {
  const db = req.server.db;
  const l = await loadReadable(db, req.actor, id);
  const { p, cosigners } = l;
  const [[reply], session, [org]] = await Promise.all([
    db.select({ r: replies, unitName: units.name }).from(replies)
      .innerJoin(units, and(eq(units.orgId, replies.orgId), eq(units.id, replies.unitId)))
      .where(and(eq(replies.orgId, p.orgId), eq(replies.itemKind, KIND), eq(replies.itemId, p.id), eq(replies.id, replyId))),
    p.sessionId ? db.select({ s: plenarySessions.number, t: terms.number }).from(plenarySessions)
      .innerJoin(terms, and(eq(terms.orgId, plenarySessions.orgId), eq(terms.id, plenarySessions.termId)))
      .where(and(eq(plenarySessions.orgId, p.orgId), eq(plenarySessions.id, p.sessionId))) : Promise.resolve([]),
    db.select({ name: orgs.name, level: orgs.level }).from(orgs).where(eq(orgs.id, p.orgId)),
  ]);
  if (!reply) throw notFound('Reply');
  const number = p.number ? `第${String(p.number).padStart(4, '0')}号` : '';
  const s = session[0];
  // 市政协五届五次会议第0001号提案 (the session part of numberLabel, as letters write it)
  const subject = `${org ? committeeShortName(org.name, org.level) : ''}${s ? `${chineseNumber(s.t)}届${chineseNumber(s.s)}次会议` : ''}${number}提案`;
  const content = replyLetter({
    subject: number ? subject : `《${p.title}》`,
    itemTitle: p.title,
    to: { name: p.proposerName, member: !!p.proposerMemberId, others: cosigners.length > 0 },
    reply: { category: reply.r.category, content: reply.r.content, signer: reply.r.signer, createdAt: reply.r.createdAt },
    unitName: reply.unitName,
  });
  // Whoever reads the proposal as the public does gets the letter as the public does: contact details masked.
  return { content: publicView(l) ? mapLetterText(content, redactContacts) : content, name: `答复函${number ? `-${number}` : ''}${reply.r.round > 1 ? `-第${reply.r.round}次答复` : ''}` };
}

function download(reply: FastifyReply, type: string, name: string, ext: string, body: Buffer) {
  const ascii = `reply-letter.${ext}`;
  return reply.type(type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

export async function letterRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['proposals'];
  const binary = (type: string) => ({ description: 'The letter', content: { [type]: { schema: Type.String({ format: 'binary' }) } } });

  app.get('/proposals/:id/replies/:replyId/letter.docx', {
    config: { public: true },
    schema: { tags, summary: 'A reply as the unit\'s letter (答复函), Word', params: Params, response: { 200: binary(DOCX_TYPE), ...errorResponses } },
  }, async (req, reply) => {
    const { content, name } = await letterOf(req, req.params.id, req.params.replyId);
    return download(reply, DOCX_TYPE, name, 'docx', await letterDocx(content));
  });

  app.get('/proposals/:id/replies/:replyId/letter.pdf', {
    config: { public: true },
    schema: {
      tags, summary: 'A reply as the unit\'s letter (答复函), PDF (503 if the server has no Chinese font)', params: Params,
      response: { 200: binary(PDF_TYPE), ...errorResponses, 503: Type.Ref('Problem') },
    },
  }, async (req, reply) => {
    const { content, name } = await letterOf(req, req.params.id, req.params.replyId);
    return download(reply, PDF_TYPE, name, 'pdf', await letterPdf(content, await chineseFont()));
  });
}
