import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { badRequest, type FieldError } from './errors.ts';

// Bodies are validated strictly (no type coercion, unknown fields refused); query strings and
// path parameters arrive as text, so they are coerced.
const strict = addFormats.default(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: false, strict: false }));
const coercing = addFormats.default(new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: 'array', strict: false }));

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema) as never;

// PostgreSQL refuses a NUL in text (a 500 if it got that far), and half a UTF-16 surrogate pair
// cannot be stored or sent on as UTF-8. Both are refused for every route at once, before its schema.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (NUL.test(text)) return '不能包含空字符 must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return '含有无效的 Unicode 字符 must not contain a lone surrogate (broken Unicode)';
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
    if (errors.length) throw badRequest(`Invalid input: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  });
}
