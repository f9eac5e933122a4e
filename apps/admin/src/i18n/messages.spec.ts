import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { en } from './en';

const keys = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('translations', () => {
  it('gives every English label an Arabic one', () => {
    const arabic = new Set(keys(ar));
    expect(keys(en).filter((key) => !arabic.has(key))).toEqual([]);
  });

  it('has no Arabic label without its English one', () => {
    const english = new Set(keys(en));
    expect(keys(ar).filter((key) => !english.has(key))).toEqual([]);
  });
});
