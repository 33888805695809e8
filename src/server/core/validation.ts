import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifySchemaCompiler, FastifyServerOptions } from 'fastify';
import { inputProblem, say, type FieldError, type Localized } from './errors.ts';
import { patternText } from './text/fields.ts';

// Bodies are validated strictly (no type coercion, unknown fields refused); query strings and
// path parameters arrive as text, so they are coerced.
const strict = addFormats.default(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: false, strict: false }));
const coercing = addFormats.default(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: 'array', strict: false }));

type SerializerFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer'];
// Fastify's own response compiler (fast-json-stringify), as Fastify resolves it.
const fastifySerializers = createRequire(createRequire(import.meta.url).resolve('fastify'))('@fastify/fast-json-stringify-compiler') as { SerializerSelector(): NonNullable<SerializerFactory> };

/**
 * Fastify compiles every route's schemas (requests with Ajv, responses with fast-json-stringify)
 * before the server listens: ~90 routes, most of a second of a restart. Each is compiled on its
 * first use instead, or by `compileWhenIdle` once the server listens, so the server answers sooner;
 * a schema that cannot be compiled still fails on its route. Fastify takes `schemaController` (the
 * responses) as an option and the validator by `setValidatorCompiler`.
 */
export function lazySchemas() {
  const pending: (() => unknown)[] = [];
  const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
    let compiled: ValidateFunction | undefined;
    const compile = () => (compiled ??= (httpPart === 'body' ? strict : coercing).compile(schema));
    const flags = httpPart === 'querystring' ? booleanFields(schema) : [];
    // Fastify passes the parent (so Ajv may coerce or default the root) when `schemaEnv` is set, as on Ajv's own functions.
    const validate = Object.assign((data: unknown, parent?: object) => {
      const fn = compile();
      if (flags.length) flagsAsBooleans(data as Record<string, unknown>, flags);
      const ok = parent ? fn(data, parent as never) : fn(data);
      validate.errors = fn.errors;
      return ok;
    }, { errors: null as ValidateFunction['errors'], schemaEnv: true });
    pending.push(compile);
    return validate as never;
  };
  const buildSerializer: SerializerFactory = (externalSchemas, options) => {
    const compiler = fastifySerializers.SerializerSelector()(externalSchemas, options);
    return (route) => {
      let compiled: ((data: unknown) => string) | undefined;
      const compile = () => (compiled ??= compiler(route));
      pending.push(compile);
      return (data: unknown) => compile()(data);
    };
  };
  /** Compiles the schemas no request has needed yet, one per turn of the event loop. */
  const compileWhenIdle = () => {
    const next = () => {
      const compile = pending.pop();
      if (!compile) return;
      try { compile(); } catch { /* its route answers the error when called */ }
      setImmediate(next);
    };
    setImmediate(next);
  };
  return { validatorCompiler, schemaController: { compilersFactory: { buildSerializer } }, compileWhenIdle };
}

function booleanFields(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  return Object.keys(properties).filter((k) => properties[k].type === 'boolean');
}

/** Ajv takes `true`/`false` for a boolean in a query string; links and forms also write `1`/`0`. */
function flagsAsBooleans(query: Record<string, unknown>, flags: string[]) {
  for (const k of flags) if (query[k] === '1' || query[k] === '0') query[k] = query[k] === '1';
}

const TYPES_ZH: Record<string, string> = { string: '文本', integer: '整数', number: '数字', boolean: 'true 或 false', object: '对象', array: '列表', null: 'null' };
const FORMATS_ZH: Record<string, string> = { uuid: '有效的编号（UUID）', date: '日期（YYYY-MM-DD）', 'date-time': '日期时间（ISO 8601）', email: '电子邮件地址', uri: '网址' };

/** Ajv's message about one value in Chinese, and in English as Ajv words it (a field name where it names one). */
function ajvMessage(v: ErrorObject): Localized {
  const p = v.params as Record<string, unknown>;
  const en = v.message ?? 'invalid';
  const list = (x: unknown) => (Array.isArray(x) ? x : [x]).map((a) => JSON.stringify(a)).join('、');
  switch (v.keyword) {
    case 'required': return say('必填', 'required');
    case 'additionalProperties': return say(`不认识的字段 ${String(p.additionalProperty)}`, `unknown field ${String(p.additionalProperty)}`);
    case 'type': return say(`应为${String(p.type).split(',').map((t) => TYPES_ZH[t] ?? t).join('或')}`, en);
    case 'minLength': return say(p.limit === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`, en);
    case 'maxLength': return say(`不能超过 ${String(p.limit)} 个字符`, en);
    case 'minimum': return say(`不能小于 ${String(p.limit)}`, en);
    case 'maximum': return say(`不能大于 ${String(p.limit)}`, en);
    case 'exclusiveMinimum': return say(`应大于 ${String(p.limit)}`, en);
    case 'exclusiveMaximum': return say(`应小于 ${String(p.limit)}`, en);
    case 'multipleOf': return say(`应为 ${String(p.multipleOf)} 的倍数`, en);
    case 'minItems': return say(`至少 ${String(p.limit)} 项`, en);
    case 'maxItems': return say(`最多 ${String(p.limit)} 项`, en);
    case 'uniqueItems': return say(`不能重复（第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项相同）`, en);
    case 'minProperties': return say('至少要有一项', en);
    case 'maxProperties': return say(`最多 ${String(p.limit)} 项`, en);
    case 'pattern': return patternText(p.pattern) ?? say('格式不正确', en);
    case 'format': return say(`应为${FORMATS_ZH[String(p.format)] ?? `${String(p.format)} 格式`}`, en);
    case 'enum': return say(`应为以下之一：${list(p.allowedValues)}`, en);
    case 'const': return say(`应为 ${list(p.allowedValue)}`, en);
    case 'anyOf': case 'oneOf': return say('不符合任何允许的取值', en);
    default: return say('取值无效', en);
  }
}

/**
 * Ajv's output as one 400 problem naming each field by a JSON-pointer-like path ("/name",
 * "/units/0/unitId", "querystring/page"); Fastify's schemaErrorFormatter.
 */
export function schemaErrorFormatter(errors: ErrorObject[], dataVar: string) {
  const fields = errors.map((v): FieldError => {
    const params = v.params as Record<string, unknown>;
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const where = dataVar && dataVar !== 'body' ? dataVar : '';
    const p = `${where}${v.instancePath || ''}${extra ? `/${extra}` : ''}` || '/';
    return { path: p.startsWith('/') ? p : `/${p}`, message: ajvMessage(v) };
  });
  return inputProblem(fields);
}

// PostgreSQL refuses a NUL in text (a 500 if it got that far), and half a UTF-16 surrogate pair
// cannot be stored or sent on as UTF-8. Both are refused for every route at once, before its schema.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): Localized | undefined {
  if (NUL.test(text)) return say('不能包含空字符（\\u0000）', 'must not contain a NUL character (\\u0000)');
  if (LONE_SURROGATE.test(text)) return say('含有无效的 Unicode 字符（孤立的代理项）', 'must not contain a lone surrogate (broken Unicode)');
  return undefined;
}

/** Field errors for every string (and object key) in `value` that holds a NUL or a lone surrogate. */
function unusableText(value: unknown, path: string, out: FieldError[]): FieldError[] {
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) out.push({ path: path || '/', message });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unusableText(v, `${path}/${i}`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const message = textProblem(k);
      if (message) out.push({ path: `${path}/${k}`, message });
      else unusableText(v, `${path}/${k}`, out);
    }
  }
  return out;
}

/** Refuses, as 400 naming the field, a NUL or a lone surrogate anywhere in the body, query or path. */
export function registerTextGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const errors = unusableText(req.body, '', []);
    unusableText(req.query, '/querystring', errors);
    unusableText(req.params, '/params', errors);
    if (errors.length) throw inputProblem(errors);
  });
}
