import { canonicalEmail } from './canonical-email';

describe('canonicalEmail', () => {
  it('trims, folds compatibility forms and lower-cases by Unicode rules', () => {
    expect(canonicalEmail('  Admin@LOCALHOST ')).toBe('admin@localhost');
    expect(canonicalEmail('ａｄｍｉｎ@ｌｏｃａｌｈｏｓｔ')).toBe('admin@localhost');
    expect(canonicalEmail('ÉLODIE@example.org')).toBe('élodie@example.org');
    expect(canonicalEmail('E\u0301lodie@example.org')).toBe('élodie@example.org');
  });

  it('keeps İ (U+0130) apart from i: it lower-cases to i + U+0307 whatever the locale', () => {
    expect(canonicalEmail('admİn@localhost')).toBe('admi\u0307n@localhost');
    expect(canonicalEmail('admİn@localhost')).not.toBe(canonicalEmail('admin@localhost'));
  });

  it('is idempotent', () => {
    for (const email of ['Admİn@x', 'ＢＯＢ@x', 'ΟΔΥΣΣΕΥΣ@x', 'Straße@x', 'ﬁle@x']) {
      expect(canonicalEmail(canonicalEmail(email))).toBe(canonicalEmail(email));
    }
  });
});
