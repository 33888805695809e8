import { say, type Localized } from '../errors.ts';

// What a person may type into a name or a text: at least one visible character (a name of spaces,
// full-width ones included, is no name) and no control characters; texts of several lines keep
// their tabs and line breaks. JSON Schema patterns, so Ajv checks them and the OpenAPI document shows them.

const C0 = '\\u0000-\\u001f\\u007f';
/** One line: no control character at all. */
export const NAME_PATTERN = `^(?=.*\\S)[^${C0}]*$`;
/** Several lines: tab, line feed and carriage return allowed. */
export const TEXT_PATTERN = '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$';

const MESSAGES: Record<string, Localized> = {
  [NAME_PATTERN]: say('不能为空白，不能含控制字符或换行', 'must contain a visible character and no control characters or line breaks'),
  [TEXT_PATTERN]: say('不能为空白，不能含控制字符', 'must contain a visible character and no control characters'),
};

/** The readable message for a failed pattern of this file, in each language (else undefined). */
export const patternText = (pattern: unknown): Localized | undefined => (typeof pattern === 'string' ? MESSAGES[pattern] : undefined);
