import { tokens } from './segment.ts';

// Search words of a query and the marked snippets of what they found, for every search.

/** The words of a query a 'simple' tsquery may hold: segmented content words (no operators, no punctuation). */
export function queryWords(q: string): string[] {
  return [...new Set(tokens(q))].filter((w) => /^[\p{Script=Han}A-Za-z0-9]+$/u.test(w));
}

/** Text made safe for HTML: every character that could open markup is a character reference. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** HTML with the query words in <mark>, around the first match (escaped text, safe to render). */
export function highlight(text: string, terms: string[], width = 80): string {
  const lower = text.toLowerCase();
  const found = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  const start = found.length ? Math.max(0, Math.min(...found) - width / 4) : 0;
  const part = text.slice(start, start + width);
  // Marks by position over the raw text (case-insensitively), then escapes each piece.
  const marked = new Uint8Array(part.length);
  const partLower = part.toLowerCase();
  for (const t of terms) {
    for (let i = partLower.indexOf(t); t && i >= 0; i = partLower.indexOf(t, i + t.length)) marked.fill(1, i, i + t.length);
  }
  let out = '';
  for (let i = 0; i < part.length;) {
    let j = i;
    while (j < part.length && marked[j] === marked[i]) j++;
    const piece = escapeHtml(part.slice(i, j));
    out += marked[i] ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return `${start > 0 ? '…' : ''}${out}${start + width < text.length ? '…' : ''}`;
}
