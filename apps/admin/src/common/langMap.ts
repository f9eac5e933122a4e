/** A language-keyed object (`{ar: '…'}`) as the rows an ArrayInput edits, and back. */
export interface LangEntry {
  lang: string;
  text: string;
}

export const langMapToEntries = (map: Record<string, string> | null | undefined): LangEntry[] =>
  Object.entries(map ?? {}).map(([lang, text]) => ({ lang, text }));

/** Rows without a language or a text are dropped; a repeated language keeps its last text. */
export const entriesToLangMap = (entries: Array<Partial<LangEntry> | null | undefined> | null | undefined): Record<string, string> =>
  Object.fromEntries(
    (entries ?? [])
      .filter((entry): entry is LangEntry => Boolean(entry?.lang?.trim() && entry.text?.trim()))
      .map(({ lang, text }) => [lang.trim(), text]),
  );

/** Form values for a record whose `names` object is edited as `nameList` rows. */
export const namesFormValues = (record?: { names?: Record<string, string> | null }) => ({ nameList: langMapToEntries(record?.names) });

/** The record to send: `nameList` rows back into the `names` object. */
export const namesPayload = <T extends { nameList?: LangEntry[] }>({ nameList, ...data }: T) => ({
  ...data,
  names: entriesToLangMap(nameList),
});
