// Small text helpers for the composer: quotes, @mentions and counting.

const BLOCKS = new Set(['P', 'DIV', 'LI', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TR', 'UL', 'OL', 'TABLE', 'HR']);

/**
 * The text of a post as it reads (from its rendered, sanitised HTML): one line
 * per paragraph or list item, with list items marked "- ". Quotes inside the
 * post are left out, so quoting a reply does not pile quote on quote.
 */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out: string[] = [];
  let line = '';
  const breakLine = () => {
    out.push(line.replace(/[ \t]+/g, ' ').trim());
    line = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (!(node instanceof Element)) return;
    if (node.tagName === 'BLOCKQUOTE') return;
    if (node.tagName === 'BR') {
      breakLine();
      return;
    }
    const block = BLOCKS.has(node.tagName);
    if (block && line.trim()) breakLine();
    if (node.tagName === 'LI') line += '- ';
    node.childNodes.forEach(walk);
    if (block) {
      breakLine();
      if (node.tagName === 'P' || node.tagName === 'PRE' || /^H\d$/.test(node.tagName)) out.push('');
    }
  };
  doc.body.childNodes.forEach(walk);
  if (line.trim()) breakLine();
  // No runs of empty lines, none at the ends.
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escapes the characters that would make a name into Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#!|~])/g, '\\$1');
}

/**
 * A Markdown quote of a post, with the author named on its first line:
 *   > **Ola Berg** skrev:
 *   >
 *   > the text
 * `attribution` is the translated first line, with the name already in it.
 */
export function quoteMarkdown(attribution: string, html: string): string {
  const text = htmlToText(html);
  const lines = [attribution, '', ...text.split('\n')];
  return lines.map((l) => (l ? `> ${l}` : '>')).join('\n');
}

/** Adds a quote after the text there is, with a blank line between, and room to write after it. */
export function appendQuote(text: string, quote: string): string {
  const before = text.replace(/\s+$/, '');
  return `${before ? `${before}\n\n` : ''}${quote}\n\n`;
}

/** The token the server turns into a link to a member: @[Full Name](userId). */
export function mentionToken(name: string, userId: string): string {
  const clean = name.replace(/[[\]\n]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `@[${clean}](${userId})`;
}

/**
 * The name being typed after an @ right before the caret ("@Ola B"), with where
 * its @ is; null when the caret is not in one. A mention starts a word and runs
 * at most two words.
 */
export function mentionQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|[\s(])@([\p{L}\p{M}'-]+(?: [\p{L}\p{M}'-]*)?)$/u.exec(before);
  if (!m) return null;
  const query = m[2] ?? '';
  return { query: query.trim(), start: before.length - query.length - 1 };
}

/** Replaces the @query that starts at `start` and ends at the caret with a mention token and a space. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
  userId: string,
): { text: string; caret: number } {
  const token = `${mentionToken(name, userId)} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + token + after, caret: start + token.length };
}

/** Length as the server counts it: in characters (code points), not UTF-16 units. */
export function textLength(text: string): number {
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ of text) n++;
  return n;
}
