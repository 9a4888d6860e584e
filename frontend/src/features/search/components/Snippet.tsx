import type { ReactNode } from 'react';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Turns the character references the server's escaping makes back into text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a snippet from the search (escaped text with the matching words in
 * <mark>…</mark>) into text and marked parts. Only <mark> and </mark> count as
 * markup; everything else is text, so the result is safe to render as React text.
 */
export function parseSnippet(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: decodeEntities(piece), marked });
  }
  return parts;
}

/** A search snippet with the matching words highlighted, rendered as text (never as HTML). */
export function Snippet({ html, className }: { html: string; className?: string }) {
  const nodes: ReactNode[] = parseSnippet(html).map((part, i) =>
    part.marked ? <mark key={i}>{part.text}</mark> : part.text,
  );
  if (nodes.length === 0) return null;
  return <p className={className}>{nodes}</p>;
}
