// Puts a problem+json's errors[] onto the matching form fields; returns what is left to show.
import type { FormInstance } from 'antd';
import { ApiError, errorText, readableDetail } from '../api';

/** "/name", "name", "/body/name", "body.name", "/handling/replyMonths" → its segments (["handling", "replyMonths"]). */
function segmentsOf(path: string, message = ''): string[] {
  const segments = path
    .split(/[/.]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments[0] === 'body' || segments[0] === 'querystring') segments.shift();
  if (segments.length) return segments;
  // Ajv reports a missing property with an empty path: "must have required property 'name'".
  const missing = /property '([^']+)'/.exec(message);
  return missing ? [missing[1]!] : [];
}

/**
 * Puts each error on the form's field its path names: the longest field name the path starts with
 * ("/handling/replyMonths" on the field ['handling', 'replyMonths'], "/committeeIds/0" on 'committeeIds').
 */
export function applyServerErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorText(err);
  const fields = form.getFieldsError().map((f) => f.name);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmapped: string[] = [];
  for (const e of err.errors) {
    const segments = segmentsOf(e.path ?? '', e.message);
    const name = fields
      .filter((f) => f.length <= segments.length && f.every((s, i) => String(s) === segments[i]))
      .sort((a, b) => b.length - a.length)[0];
    if (name) {
      const key = name.join('.');
      byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), e.message] });
    } else {
      unmapped.push(e.message);
    }
  }
  if (byField.size) {
    form.setFields([...byField.values()]);
  }
  if (byField.size && !unmapped.length) return null;
  return withMessages(err, unmapped);
}

/** The detail, then whichever of these field messages it does not say already. */
function withMessages(err: ApiError, messages: string[]): string {
  const head = readableDetail(err);
  const extra = [...new Set(messages)].filter((m) => m && !head.includes(m));
  if (!extra.length) return head;
  const zh = /[\u4e00-\u9fff]/.test(head + extra.join(''));
  return head ? `${head}${zh ? '：' : ': '}${extra.join(zh ? '；' : '; ')}` : extra.join(zh ? '；' : '; ');
}

/** The whole problem as one line, for places without a form (toasts, alerts). */
export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(err);
  return withMessages(err, err.errors.map((e) => e.message));
}
