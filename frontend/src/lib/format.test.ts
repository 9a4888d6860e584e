import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';

describe('format', () => {
  it('formats dates in Norwegian time, not UTC', () => {
    // 23:30 UTC on 15 January is 00:30 on 16 January in Oslo (UTC+1 in winter).
    expect(formatDate('2026-01-15T23:30:00Z')).toBe('16. januar 2026');
    expect(formatDateTime('2026-01-15T23:30:00Z')).toBe('16. januar 2026 kl. 00:30');
  });

  it('follows summer time', () => {
    // 22:15 UTC on 30 June is 00:15 on 1 July in Oslo (UTC+2 in summer).
    expect(formatDateTime(new Date('2026-06-30T22:15:00Z'))).toBe('1. juli 2026 kl. 00:15');
  });

  it('formats numbers the Norwegian way', () => {
    expect(formatNumber(1234567.5).replace(/\s/g, ' ')).toBe('1 234 567,5');
    expect(formatNumber(1234567.5)).not.toContain(',234');
  });
});
