import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Allow, ValidateBy, ValidationOptions } from 'class-validator';

/** Any UUID PostgreSQL accepts (the nil UUID included), not only RFC versions. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The same BCP 47 subset as the database CHECKs: `ar`, `en`, `zh-Hant`, `en-GB`. */
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export const IsId = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isId', validator: { validate: isUuid, defaultMessage: () => '$property must be a UUID' } }, options);

export const IsIsoDate = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isIsoDate', validator: { validate: isIsoDate, defaultMessage: () => '$property must be a date YYYY-MM-DD' } },
    options,
  );

export const IsLangCode = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLangCode',
      validator: {
        validate: (value) => typeof value === 'string' && LANG_PATTERN.test(value),
        defaultMessage: () => '$property must be a language code such as "ar" or "en-GB"',
      },
    },
    options,
  );

/** An object language code → non-empty text, such as `names` or `translations`. */
export const IsLangMap = (limits: { maxEntries: number; maxLength: number }) =>
  ValidateBy({
    name: 'isLangMap',
    validator: {
      validate: (value) => langMapProblem(value, limits) === undefined,
      defaultMessage: (args) => `${args?.property ?? 'value'} ${langMapProblem(args?.value, limits) ?? 'is invalid'}`,
    },
  });

function langMapProblem(value: unknown, limits: { maxEntries: number; maxLength: number }): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object: language code → text';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > limits.maxEntries) return `may hold at most ${limits.maxEntries} languages`;
  for (const [lang, text] of entries) {
    if (!LANG_PATTERN.test(lang)) return `has "${lang}", which is not a language code such as "ar" or "en-GB"`;
    if (typeof text !== 'string' || text.trim() === '') return `must map "${lang}" to a non-empty text`;
    if (text.length > limits.maxLength) return `text for "${lang}" must be at most ${limits.maxLength} characters`;
  }
  return undefined;
}

/**
 * A field that GET returns and the server computes (id, timestamps, names of referenced rows).
 * A record sent back whole, as react-admin does on save, may carry it; it is ignored.
 */
export const ReadOnly = (options: ApiPropertyOptions = {}) =>
  applyDecorators(Allow(), ApiPropertyOptional({ readOnly: true, ...options } as ApiPropertyOptions));
