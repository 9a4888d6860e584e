import { describe, expect, it } from 'vitest';
import { appendQuote, htmlToText, insertMention, mentionQuery, mentionToken, quoteMarkdown, textLength } from './markdown';
import { postFromHash, threadIdFrom, threadPath } from './paths';
import { startingPost } from './pages/ThreadPage';

describe('quotes', () => {
  it('reads a post\'s rendered text line by line, leaving out quotes inside it', () => {
    const html =
      '<blockquote><p>Gammelt sitat</p></blockquote><p>Vi har <strong>140</strong> elever.<br>Mest piano.</p><ul><li>Loddtrekning</li><li>Ansiennitet</li></ul><p>Hilsen <a href="/personer/x">@Ola Berg</a></p>';
    expect(htmlToText(html)).toBe('Vi har 140 elever.\nMest piano.\n\n- Loddtrekning\n- Ansiennitet\n\nHilsen @Ola Berg');
  });

  it('makes a Markdown quote with the author first, and adds it after the text with room to write', () => {
    const q = quoteMarkdown('**Ola Berg** skrev:', '<p>Første avsnitt.</p><p>Andre avsnitt.</p>');
    expect(q).toBe('> **Ola Berg** skrev:\n>\n> Første avsnitt.\n>\n> Andre avsnitt.');
    expect(appendQuote('', q)).toBe(`${q}\n\n`);
    expect(appendQuote('Hei!\n\n\n', q)).toBe(`Hei!\n\n${q}\n\n`);
  });
});

describe('mentions', () => {
  it('finds the @name being typed before the caret, one or two words', () => {
    expect(mentionQuery('Hei @Ol', 7)).toEqual({ query: 'Ol', start: 4 });
    expect(mentionQuery('@Ola B', 6)).toEqual({ query: 'Ola B', start: 0 });
    expect(mentionQuery('(@Åse', 5)).toEqual({ query: 'Åse', start: 1 });
    expect(mentionQuery('kari@kommune', 12)).toBeNull();
    expect(mentionQuery('@Ola Berg sa', 12)).toBeNull();
    expect(mentionQuery('Hei @', 5)).toBeNull();
  });

  it('inserts the token the server reads, and puts the caret after it', () => {
    expect(mentionToken('Ola Berg', 'abc')).toBe('@[Ola Berg](abc)');
    expect(mentionToken('Rare [navn]\n', 'abc')).toBe('@[Rare navn](abc)');
    expect(insertMention('Hei @Ol og takk', 4, 7, 'Ola Berg', 'abc')).toEqual({
      text: 'Hei @[Ola Berg](abc) og takk',
      caret: 21,
    });
  });

  it('counts characters as the server does', () => {
    expect(textLength('æøå😀')).toBe(4);
  });
});

describe('thread addresses', () => {
  it('are /nettverk/<slug>/forum/<id>-<slug>, and the id alone works', () => {
    expect(threadPath('vestland', { id: 'abc', slug: 'ventelister' })).toBe('/nettverk/vestland/forum/abc-ventelister');
    expect(threadPath('vestland', { id: 'abc', slug: '' })).toBe('/nettverk/vestland/forum/abc');
    expect(threadIdFrom('abc-ventelister-i-kulturskolen')).toBe('abc');
    expect(threadIdFrom('abc')).toBe('abc');
    expect(postFromHash('#innlegg-12')).toBe(12);
    expect(postFromHash('#noe')).toBeUndefined();
  });

  it('open at the first unread post, a linked one, or the top', () => {
    expect(startingPost({ lastRead: 0, postCount: 5 })).toBe(1);
    expect(startingPost({ lastRead: 3, postCount: 5 })).toBe(4);
    expect(startingPost({ lastRead: 5, postCount: 5 })).toBe(1);
    expect(startingPost({ lastRead: 0, postCount: 5 }, 3)).toBe(3);
    expect(startingPost({ lastRead: 0, postCount: 5 }, 9)).toBe(5);
  });
});
