import { useLocale } from 'react-admin';

/** A `YYYY-MM-DD` date is a calendar day: shown as such in every time zone. */
const asDate = (value: string | Date): Date | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Date.UTC(+day[1], +day[2] - 1, +day[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

const BIDI_MARKS = /[\u061c\u200e\u200f]/g;

export interface Formatters {
  /** A day (`YYYY-MM-DD`) or a moment, in the UI locale; the input itself when it is not a date. */
  date: (value: string | Date | null | undefined, withTime?: boolean) => string;
  /** A month (`YYYY-MM`), e.g. `Sep 2023`. */
  month: (value: string) => string;
  number: (value: number) => string;
  /** A stance or mean with its sign always written (`+2`, `−1.5`, `0`), in the UI locale's digits. */
  signed: (value: number) => string;
}

export const formatters = (locale: string): Formatters => {
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 2 });
  const number = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    date: (value, withTime = false) => {
      if (value === null || value === undefined || value === '') return '';
      const date = asDate(value);
      if (!date) return String(value);
      return withTime || (typeof value === 'string' && value.length > 10) ? moment.format(date) : day.format(date);
    },
    month: (value) => {
      const date = asDate(`${value}-01`);
      return date ? month.format(date) : value;
    },
    number: (value) => number.format(value),
    // U+2212 rather than a hyphen: a minus that no line break separates from its digits. Locale
    // bidi marks (an Arabic letter mark would turn `+2` into `2+`) are left out: <Signed> isolates it.
    signed: (value) => signed.format(value).replace(BIDI_MARKS, '').replace('-', '\u2212'),
  };
};

export const useFormat = (): Formatters => formatters(useLocale());
