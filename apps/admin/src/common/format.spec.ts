import { describe, expect, it } from 'vitest';
import { formatters } from './format';

describe('formatters', () => {
  it('signs stances with a true minus and a plus', () => {
    const { signed } = formatters('en');
    expect([-2, 0, 1.5].map(signed)).toEqual(['\u22122', '0', '+1.5']);
  });

  it('leaves bidi marks out of a signed number in Arabic, the sign first', () => {
    const { signed } = formatters('ar');
    expect(signed(-2)).not.toMatch(/[\u061c\u200e\u200f]/);
    expect(signed(-2).startsWith('\u2212')).toBe(true);
    expect(signed(2).startsWith('+')).toBe(true);
  });

  it('writes a calendar day the same in every time zone, in the UI locale', () => {
    expect(formatters('en').date('2023-09-20')).toBe('Sep 20, 2023');
    expect(formatters('ar').date('2023-09-20')).not.toContain('Sep');
    expect(formatters('ar').date('2023-09-20')).toMatch(/٢٠٢٣|2023/);
  });

  it('keeps what is not a date as it is', () => {
    expect(formatters('en').date('soon')).toBe('soon');
    expect(formatters('en').date(null)).toBe('');
  });

  it('names a month', () => {
    expect(formatters('en').month('2023-09')).toBe('Sep 2023');
  });
});
