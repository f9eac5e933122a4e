/** Languages offered by the pickers; the API takes any BCP 47 code. */
export const LANGUAGES = ['ar', 'en', 'tr', 'ru', 'hy', 'az', 'fa', 'fr', 'de', 'es', 'he', 'ku'] as const;

export const languageChoices = LANGUAGES.map((id) => ({ id, name: `languages.${id}` }));
