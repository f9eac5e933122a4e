import { fieldErrorCode, fieldErrorCodes } from './api-error';

describe('field error codes', () => {
  it('names the stance rules', () => {
    expect(fieldErrorCode('exactly one of targetActorId and targetTopicId is required')).toBe('stance_one_target');
    expect(fieldErrorCode('a statement takes one stance per target')).toBe('stance_duplicate_target');
  });

  it('names missing references, duplicates, empty fields and bad ids', () => {
    expect(
      fieldErrorCodes({ speakerId: 'does not exist', slug: 'already exists', text: 'text should not be empty', id: 'id must be a UUID' }),
    ).toEqual({ speakerId: 'not_found', slug: 'already_exists', text: 'required', id: 'invalid_id' });
  });

  it('falls back to invalid', () => {
    expect(fieldErrorCode('something odd')).toBe('invalid');
  });
});
