import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it('makes readable Norwegian slugs, as the server does', () => {
    expect(slugify('Kulturskoleledere i Vestland')).toBe('kulturskoleledere-i-vestland');
    expect(slugify('Kultur for framtida – medlemsdialog')).toBe('kultur-for-framtida-medlemsdialog');
    expect(slugify('Bøker på Ærøy og Åfjord')).toBe('boker-pa-aeroy-og-afjord');
    expect(slugify('Café Éclair & co.')).toBe('cafe-eclair-co');
    expect(slugify('  ---  ')).toBe('');
  });

  it('stays within 80 characters and never ends with a hyphen', () => {
    const slug = slugify('ord '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});
