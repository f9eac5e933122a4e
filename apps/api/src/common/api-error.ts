import { BadRequestException, HttpStatus, ValidationError } from '@nestjs/common';

/** The one error shape of the API: `{ statusCode, message, errors? }`, `errors` keyed by field. */
export interface ApiErrorBody {
  statusCode: number;
  message: string;
  errors?: Record<string, string>;
}

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
