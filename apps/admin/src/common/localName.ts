import { i18nProvider } from '../i18n/i18nProvider';

/** A record's name in the UI language when it has one (`names.ar`), else its own name (or a source's title). */
export const localName = (
  record: { name?: string; title?: string; names?: Record<string, string> | null; [key: string]: unknown } | undefined,
  locale: string,
) => (record ? (record.names?.[locale] ?? record.name ?? record.title ?? '') : '');

/**
 * `recordRepresentation` of a resource with `names`: the name in the UI language. react-admin
 * calls it while rendering, and a change of language renders everything again.
 */
export const localNameRepresentation = (record: { name?: string; names?: Record<string, string> | null }) =>
  localName(record, i18nProvider.getLocale());
