/** A record's name in the UI language when it has one (`names.ar`), else its own name (or a source's title). */
export const localName = (record: { name?: string; title?: string; names?: Record<string, string> | null } | undefined, locale: string) =>
  record ? (record.names?.[locale] ?? record.name ?? record.title ?? '') : '';
