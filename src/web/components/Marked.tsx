// A search snippet: escaped text with <mark> around the hits, as the server sends it. Rendered as
// React text with <mark> elements, never as HTML: nothing else in it can become markup.
import { Fragment } from 'react';

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
  .replace(/&(lt|gt|amp|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[e]!);

export function Marked({ html }: { html: string }) {
  let inMark = false;
  const parts: { text: string; mark: boolean }[] = [];
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') inMark = true;
    else if (piece === '</mark>') inMark = false;
    else if (piece) parts.push({ text: unescape(piece), mark: inMark });
  }
  return <>{parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}
