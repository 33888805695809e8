// Puts a problem+json's errors[] onto the matching form fields; returns what is left to show.
import type { FormInstance } from 'antd';
import { ApiError, errorText, readableDetail } from '../api';

/** "/name", "name", "/body/name", "body.name", "/committeeIds/0" → "name" / "committeeIds". */
export function fieldFromPath(path: string, message = ''): string | null {
  const segments = path
    .split(/[/.]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments[0] === 'body' || segments[0] === 'querystring') segments.shift();
  if (segments.length) return segments[0];
  // Ajv reports a missing property with an empty path: "must have required property 'name'".
  const missing = /property '([^']+)'/.exec(message);
  return missing ? missing[1] : null;
}

export function applyServerErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorText(err);
  const known = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const byField = new Map<string, string[]>();
  const unmapped: string[] = [];
  for (const e of err.errors) {
    const field = fieldFromPath(e.path ?? '', e.message);
    if (field && known.has(field)) {
      byField.set(field, [...(byField.get(field) ?? []), e.message]);
    } else {
      unmapped.push(e.message);
    }
  }
  if (byField.size) {
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
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
