import { describe, expect, it } from 'vitest';
import { entriesToLangMap, langMapToEntries, namesFormValues, namesPayload } from './langMap';

describe('language maps in forms', () => {
  it('turns an object into rows and back', () => {
    const map = { ar: 'أذربيجان', ru: 'Азербайджан' };
    expect(langMapToEntries(map)).toEqual([
      { lang: 'ar', text: 'أذربيجان' },
      { lang: 'ru', text: 'Азербайджан' },
    ]);
    expect(entriesToLangMap(langMapToEntries(map))).toEqual(map);
  });

  it('reads a missing object as no rows and drops incomplete rows', () => {
    expect(langMapToEntries(null)).toEqual([]);
    expect(entriesToLangMap([{ lang: 'ar', text: '' }, { lang: '', text: 'x' }, null, { lang: ' en ', text: 'Hi' }])).toEqual({ en: 'Hi' });
    expect(entriesToLangMap(undefined)).toEqual({});
  });

  it('keeps the last text of a repeated language', () => {
    expect(
      entriesToLangMap([
        { lang: 'en', text: 'one' },
        { lang: 'en', text: 'two' },
      ]),
    ).toEqual({ en: 'two' });
  });

  it('sends names without the form-only nameList', () => {
    const values = { id: '1', name: 'Armenia', ...namesFormValues({ names: { ar: 'أرمينيا' } }) };
    expect(values.nameList).toEqual([{ lang: 'ar', text: 'أرمينيا' }]);
    expect(namesPayload(values)).toEqual({ id: '1', name: 'Armenia', names: { ar: 'أرمينيا' } });
  });
});
