import { describe, expect, it } from 'vitest';
import { translatableFieldErrors } from './fieldErrors';

describe('translatableFieldErrors', () => {
  it("turns each coded error into the code's i18n key with the server's words as fallback", () => {
    const errors = translatableFieldErrors(
      { 'stances.0.targetActorId': 'exactly one…' },
      { 'stances.0.targetActorId': 'stance_one_target' },
    );
    const value = errors!['stances.0.targetActorId'];
    expect(value.startsWith('@@react-admin@@')).toBe(true);
    expect(JSON.parse(value.slice('@@react-admin@@'.length))).toEqual({ message: 'errors.stance_one_target', args: { _: 'exactly one…' } });
  });

  it('keeps errors without codes as they are', () => {
    expect(translatableFieldErrors({ text: 'blank' }, undefined)).toEqual({ text: 'blank' });
  });
});
