import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { Snippet, decodeEntities, parseSnippet } from './Snippet';

describe('parseSnippet', () => {
  it('splits the marked words from the text around them', () => {
    expect(parseSnippet('Vi vurderer meråpent <mark>bibliotek</mark> i Bodø.')).toEqual([
      { text: 'Vi vurderer meråpent ', marked: false },
      { text: 'bibliotek', marked: true },
      { text: ' i Bodø.', marked: false },
    ]);
  });

  it('turns the escaping back into text, marked or not', () => {
    expect(parseSnippet('Tom &amp; Jerry &lt;3 &#39;kultur&#39; <mark>&quot;plan&#34;</mark>')).toEqual([
      { text: "Tom & Jerry <3 'kultur' ", marked: false },
      { text: '"plan"', marked: true },
    ]);
    expect(decodeEntities('&#x41;&#66;&nbsp;&ukjent; &#0; &#xD800;')).toBe('AB\u00a0&ukjent; &#0; &#xD800;');
  });
});

describe('Snippet', () => {
  it('highlights the matching words with <mark>', () => {
    const { container } = render(<Snippet html="Ventelister i <mark>kulturskolen</mark> og <mark>kulturskole</mark>timen" />);
    const marks = container.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['kulturskolen', 'kulturskole']);
    expect(container.querySelector('p')).toHaveTextContent('Ventelister i kulturskolen og kulturskoletimen');
  });

  it('shows escaped markup in the text as text, never as elements', () => {
    const injected =
      '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; <mark>&lt;b&gt;fet&lt;/b&gt;</mark> &lt;mark&gt;falsk&lt;/mark&gt;';
    const { container } = render(<Snippet html={injected} />);
    expect(container.querySelector('script, img, b')).toBeNull();
    // Only the server's own <mark> is markup; an escaped "<mark>" in the text stays text.
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['<b>fet</b>']);
    expect(container.querySelector('p')).toHaveTextContent(
      '<script>alert(1)</script> <img src=x onerror=alert(2)> <b>fet</b> <mark>falsk</mark>',
    );
  });

  it('does not render unescaped HTML either: only <mark> and </mark> are read as markup', () => {
    const { container } = render(<Snippet html={'<img src="x" onerror="alert(1)"><mark>ord</mark><a href="javascript:alert(1)">lenke</a>'} />);
    expect(container.querySelector('img, a')).toBeNull();
    expect(container.querySelector('mark')).toHaveTextContent('ord');
    expect(container.querySelector('p')?.textContent).toBe('<img src="x" onerror="alert(1)">ord<a href="javascript:alert(1)">lenke</a>');
  });

  it('renders nothing for an empty snippet', () => {
    const { container } = render(<Snippet html="" />);
    expect(container).toBeEmptyDOMElement();
  });
});
