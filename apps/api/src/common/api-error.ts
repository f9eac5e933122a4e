import { BadRequestException, HttpStatus, ValidationError } from '@nestjs/common';

/**
 * The one error shape of the API: `{ statusCode, message, errors?, codes? }`, `errors` keyed by
 * field; `codes` gives each field error a stable code (see FIELD_ERROR_CODES) that a client
 * translates into its user's language.
 */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: Record<string, string>;
  codes?: Record<string, FieldErrorCode>;
}

/** The codes of field errors, each with the messages (as the API words them) that carry it; the first match wins. */
export const FIELD_ERROR_CODES = [
  ['stance_one_target', /exactly one of targetActorId and targetTopicId/],
  ['stance_duplicate_target', /one stance per target/],
  ['self_relation', /cannot relate to itself/],
  ['already_exists', /already exists|already taken/],
  ['not_found', /does not exist|^unknown /],
  ['cycle', /cycle/],
  ['required', /should not be empty|is required|must not be empty/],
  ['invalid_id', /must be a UUID/],
  ['invalid_date', /date/],
  ['invalid_language', /language|BCP 47/],
  ['not_allowed', /must be one of/],
  ['too_long', /must be shorter|longer than/],
] as const satisfies ReadonlyArray<readonly [string, RegExp]>;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number][0] | 'invalid';

/** The code of one field error message; `invalid` when none fits. */
export const fieldErrorCode = (message: string): FieldErrorCode =>
  FIELD_ERROR_CODES.find(([, pattern]) => pattern.test(message))?.[0] ?? 'invalid';

/** `codes` for a body's `errors`. */
export const fieldErrorCodes = (errors: Record<string, string>): Record<string, FieldErrorCode> =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, fieldErrorCode(message)]));

export class FieldErrorsException extends BadRequestException {
  constructor(errors: Record<string, string>, message = 'Validation failed') {
    super({ statusCode: HttpStatus.BAD_REQUEST, message: describe(message, errors), errors } satisfies ApiErrorBody);
  }
}

function describe(message: string, errors: Record<string, string>): string {
  const fields = Object.entries(errors).map(([field, text]) => `${field}: ${text}`);
  return fields.length ? `${message}: ${fields.join('; ')}` : message;
}

/** Flattens class-validator errors (nested DTOs included) into `{ "stances.0.value": "..." }`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const messages = Object.values(error.constraints);
      out[path] = messages.find((m) => !m.startsWith('nested property')) ?? messages[0];
    }
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}
