import polyglotI18nProvider from 'ra-i18n-polyglot';
import { resolveBrowserLocale } from 'react-admin';
import { en } from './en';
import { ar } from './ar';

const messages = { en, ar };
type Locale = keyof typeof messages;

const isLocale = (locale: string): locale is Locale => Object.hasOwn(messages, locale);

const browserLocale = resolveBrowserLocale('en');

export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[isLocale(locale) ? locale : 'en'],
  isLocale(browserLocale) ? browserLocale : 'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'ar', name: 'العربية' },
  ],
);
