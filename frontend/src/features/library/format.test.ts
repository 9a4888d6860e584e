import { describe, expect, it } from 'vitest';
import { formatFileSize, linkHost } from './format';

describe('formatFileSize', () => {
  it('shows bytes, kB, MB and GB with Norwegian numbers', () => {
    expect(formatFileSize(12)).toBe('12 byte');
    expect(formatFileSize(1536)).toBe('1,5\u00a0kB');
    expect(formatFileSize(820 * 1024)).toBe('820\u00a0kB');
    expect(formatFileSize(1_572_864)).toBe('1,5\u00a0MB');
    expect(formatFileSize(50 * 1024 * 1024)).toBe('50\u00a0MB');
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3\u00a0GB');
  });
});

describe('linkHost', () => {
  it('shows where a link goes, or the link itself when it is not an address', () => {
    expect(linkHost('https://www.kulturskoleradet.no/rammeplan')).toBe('www.kulturskoleradet.no');
    expect(linkHost('ikke en adresse')).toBe('ikke en adresse');
  });
});
