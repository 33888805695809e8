import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Problems speak the caller's language: Chinese by default, English when Accept-Language prefers
// it. A message is either one text for every language (a name, a code) or a Localized pair; the
// error handler picks the side when it sends the problem.

export type Lang = 'zh' | 'en';
export interface Localized { zh: string; en: string }
export type Message = string | Localized;
export interface FieldError { path: string; message: Message }

/** A message in Chinese and in English. */
export const say = (zh: string, en: string): Localized => ({ zh, en });
export const inLang = (m: Message, lang: Lang): string => (typeof m === 'string' ? m : m[lang]);
/** The same words around a message, in each language (`{ zh, en }` templates). */
export const around = (m: Message, zh: (s: string) => string, en: (s: string) => string): Localized =>
  say(zh(inLang(m, 'zh')), en(inLang(m, 'en')));

/** The language a request asks for: the first of zh or en in Accept-Language by preference, else zh. */
export function langOf(acceptLanguage: string | undefined): Lang {
  const ranked = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return { base: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
  }).filter((x) => x.q > 0 && (x.base === 'zh' || x.base === 'en'));
  ranked.sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.base as Lang | undefined) ?? 'zh';
}

/** The title of a status where no route says more, in Chinese (English keeps the standard phrase). */
const TITLES_ZH: Record<number, string> = {
  400: '请求有误', 401: '未登录', 403: '无权操作', 404: '不存在', 405: '不支持的请求方法', 408: '请求超时', 409: '无法执行',
  413: '内容过大', 414: '网址过长', 415: '不支持的内容类型', 422: '内容有误', 429: '请求过多', 431: '请求头过大',
  500: '服务器出错', 503: '服务暂不可用',
};
/** What a status means to the person who met it, where the cause gives no better words. */
const DETAILS: Record<number, Localized> = {
  400: say('请求格式有误', 'Malformed request'),
  401: say('请先登录', 'Please sign in'),
  403: say('无权执行此操作', 'Not allowed'),
  404: say('要找的内容不存在', 'Not found'),
  405: say('不支持此请求方法', 'Method not allowed'),
  408: say('请求超时', 'Request timed out'),
  409: say('当前状态下不能执行此操作', 'Not possible in the current state'),
  413: say('内容过大', 'Request too large'),
  414: say('网址过长', 'URL too long'),
  415: say('不支持此内容类型', 'Unsupported content type'),
  422: say('内容有误', 'Invalid input'),
  429: say('请求过于频繁，请稍后再试', 'Too many requests: try again later'),
  431: say('请求头过大', 'Request headers too large'),
  500: say('服务器出错，已记录，请稍后再试', 'An unexpected error occurred; it has been logged.'),
  503: say('服务暂不可用，请稍后再试', 'Service unavailable: try again shortly'),
};
/** The status's own title: Chinese from TITLES_ZH, English the standard reason phrase. */
export const statusTitle = (status: number): Localized => {
  const en = STATUS_CODES[status] ?? 'Error';
  return say(TITLES_ZH[status] ?? en, en);
};
export const statusDetail = (status: number): Localized => DETAILS[status] ?? statusTitle(status);

/** A wait as people say it: seconds under a minute, else whole minutes (rounded up). */
export function tryAgainIn(seconds: number): Localized {
  if (seconds < 60) return say(`${seconds} 秒`, `${seconds} second${seconds === 1 ? '' : 's'}`);
  const minutes = Math.ceil(seconds / 60);
  return say(`${minutes} 分钟`, `${minutes} minute${minutes === 1 ? '' : 's'}`);
}

/** An RFC 9457 problem; thrown anywhere, rendered by the error handler in the caller's language. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    /** A standard reason phrase (STATUS_CODES) stands for the status's title in either language. */
    readonly title: Message,
    readonly detail?: Message,
    readonly errors: FieldError[] = [],
    /** Extension members of the problem (RFC 9457 §3.2); the route's response schema must list them. */
    readonly extensions: Record<string, unknown> = {},
  ) { super(inLang(detail ?? title, 'zh')); }
}

/** 429 with the seconds to wait, sent as Retry-After. */
export class TooMany extends Problem {
  constructor(readonly seconds: number, detail: Message) { super(429, 'Too Many Requests', detail); }
}

/** "/path: message" in each language. */
const fieldDetail = (errors: FieldError[], lead: Localized): Localized => ({
  zh: `${lead.zh}：${errors.map((e) => `${e.path} ${inLang(e.message, 'zh')}`).join('；')}`,
  en: `${lead.en}: ${errors.map((e) => `${e.path} ${inLang(e.message, 'en')}`).join('; ')}`,
});
/** 400 for input the schema could not catch, every field named. */
export const inputProblem = (errors: FieldError[]) => new Problem(400, 'Bad Request', fieldDetail(errors, say('输入有误', 'Invalid input')), errors);

export const badRequest = (detail: Message, errors: FieldError[] = []) => new Problem(400, 'Bad Request', detail, errors);
/** An uploaded file past its limit (field "file"). */
export const fileTooLarge = (maxMb: number) =>
  new Problem(413, 'Payload Too Large', say(`文件不超过 ${maxMb} MB`, `File too large (max ${maxMb} MB)`), [{ path: '/file', message: say('文件过大', 'too large') }]);
export const invalid = (path: string, message: Message) =>
  new Problem(422, 'Unprocessable Entity', around(message, (m) => `${path}：${m}`, (m) => `${path}: ${m}`), [{ path, message }]);
export const unauthorized = (detail: Message = DETAILS[401]!) => new Problem(401, 'Unauthorized', detail);
export const forbidden = (detail: Message = DETAILS[403]!) => new Problem(403, 'Forbidden', detail);
export const conflict = (detail: Message, errors: FieldError[] = []) => new Problem(409, 'Conflict', detail, errors);

/** What notFound() names, in Chinese (the callers name it in English). */
const NOUNS: Record<string, string> = {
  Resource: '内容', Route: '接口', User: '用户', Token: 'API 令牌', Term: '届次', Member: '委员', Committee: '政协', Entry: '参评提案',
  Attachment: '附件', Proposal: '提案', Reply: '答复', letters: '委员来信', Opinion: '社情民意信息', Notification: '通知',
  Document: '文档', Category: '文档分类', Page: '页面', Report: '举报', 'Document link': '文档关联',
  Selection: '评选', Level: '评选层级', sector: '界别', committee: '专委会', unit: '承办单位', Link: '双联联系', Contact: '联系记录',
  'Liaison meeting': '双联见面会', Group: '党组织', 'Group member': '党组织成员', 'Party activity': '党组织活动', Campaign: '活动', Idea: '建言',
  Consultation: '协商活动', Comment: '评论', 'Plan item': '协商计划事项', Recommendation: '协商建议', 'Checklist item': '清单事项', Topic: '协商选题', Meeting: '协商会议', Invitation: '会议邀请',
  Room: '委员议事室', Visit: '视察记录',
  'Report version': '报告版本', Membership: '该政协的关联登录',
  Project: '双创项目', Pairing: '结对帮扶', Activity: '五送活动', Honour: '表彰', 'Exchange meeting': '经验交流会',
};
export const notFound = (what = 'Resource') => new Problem(404, 'Not Found', say(`${NOUNS[what] ?? what}不存在`, `${what} not found`));

/** The problem as JSON in this language. */
export function problemBody(p: Problem, lang: Lang) {
  const title = p.title === STATUS_CODES[p.status] ? statusTitle(p.status) : p.title;
  return {
    ...p.extensions, type: 'about:blank', title: inLang(title, lang), status: p.status, detail: inLang(p.detail ?? title, lang),
    errors: p.errors.map((e) => ({ path: e.path, message: inLang(e.message, lang) })),
  };
}

function send(req: FastifyRequest, reply: FastifyReply, p: Problem) {
  const lang = langOf(req.headers['accept-language']);
  const vary = reply.getHeader('vary');
  if (p instanceof TooMany) reply.header('retry-after', p.seconds);
  return reply.status(p.status).type('application/problem+json').header('content-language', lang === 'zh' ? 'zh-CN' : 'en')
    .header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language').send(problemBody(p, lang));
}

/** Postgres unique violations become 409 with the field inferred from the constraint name. */
function fromDatabase(err: { code?: string; constraint?: string; detail?: string }): Problem | undefined {
  if (err.code === '23505') {
    const field = err.constraint?.split('_').pop() ?? 'id';
    return conflict(say(`已存在，不能重复（${field}）`, `Already exists (${field})`), [{ path: `/${field}`, message: say('已存在', 'already exists') }]);
  }
  if (err.code === '22P02' || err.code === '22007' || err.code === '22008') return badRequest(say('取值格式不正确', 'Malformed value'));
  return undefined;
}

/** Fastify's own 4xx (a body it cannot parse, a type it does not take, …): what they mean, in each language. */
const FASTIFY_DETAILS: Record<string, Localized> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: say('不支持此内容类型，请以 JSON 发送', 'Unsupported content type: send JSON'),
  FST_ERR_CTP_BODY_TOO_LARGE: say('请求内容过大', 'Request body too large'),
  FST_ERR_CTP_EMPTY_JSON_BODY: say('JSON 请求体为空', 'The JSON body is empty'),
  FST_ERR_CTP_INVALID_JSON_BODY: say('JSON 格式错误', 'The JSON body is malformed'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: say('Content-Length 与请求内容不符', 'Content-Length does not match the body'),
};

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    if (err instanceof Problem) return send(req, reply, err);
    const db = fromDatabase((err.cause ?? err) as never);
    if (db) return send(req, reply, db);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const detail = FASTIFY_DETAILS[err.code] ?? (err.name === 'SyntaxError' ? FASTIFY_DETAILS.FST_ERR_CTP_INVALID_JSON_BODY : say(statusDetail(err.statusCode).zh, err.message));
      return send(req, reply, new Problem(err.statusCode, STATUS_CODES[err.statusCode] ?? 'Bad Request', detail));
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, new Problem(500, 'Internal Server Error', statusDetail(500)));
  });
}

/**
 * Errors of Node's HTTP parser, raised before any request exists (an oversized header: 431, a
 * stalled request: 408, a malformed one: 400), answered as problems too (in both languages: there are
 * no request headers to choose one from). Replaces Fastify's own handler, which answers the same
 * statuses in plain JSON.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const { zh, en } = statusDetail(status);
  const body = JSON.stringify(problemBody(new Problem(status, STATUS_CODES[status]!, `${zh} ${en}`), 'en'));
  this.log.trace({ err }, 'client error');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
