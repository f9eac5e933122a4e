import { normalize } from '../common/text-normalize';

/** When a statement was said, as the article tells it: a suggestion the editor confirms. */
export interface SuggestedDate {
  date: string;
  /** `date`: written out; `weekday`: "on Tuesday" / "الثلاثاء" before the published date; `relative`: today, yesterday; `published`: the source's date. */
  basis: 'date' | 'weekday' | 'relative' | 'published';
  suggestion: true;
}

const MONTH_NAMES: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  ابريل: 4,
  مايو: 5,
  يونيو: 6,
  يوليو: 7,
  اغسطس: 8,
  سبتمبر: 9,
  اكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
  'كانون الثاني': 1,
  شباط: 2,
  اذار: 3,
  نيسان: 4,
  ايار: 5,
  حزيران: 6,
  تموز: 7,
  اب: 8,
  ايلول: 9,
  'تشرين الاول': 10,
  'تشرين الثاني': 11,
  'كانون الاول': 12,
};
const WEEKDAY_NAMES: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  الاحد: 0,
  الاثنين: 1,
  الثلاثاء: 2,
  الاربعاء: 3,
  الخميس: 4,
  الجمعه: 5,
  السبت: 6,
};
/** Keys as `normalize()` writes them (ء dropped, ة → ه), since passages come normalised. */
const MONTHS = Object.fromEntries(Object.entries(MONTH_NAMES).map(([k, v]) => [normalize(k), v]));
const WEEKDAYS = Object.fromEntries(Object.entries(WEEKDAY_NAMES).map(([k, v]) => [normalize(k), v]));
const MONTH = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const DAY_MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})\\s+(?:من\\s+)?(${MONTH})\\.?(?:,?\\s+(\\d{4}))?`, 'iu');
const MONTH_DAY_YEAR = new RegExp(`(?<![\\p{L}])(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?!\\d)`, 'iu');
const WEEKDAY = new RegExp(`(?<![\\p{L}])(?:[وب]|يوم\\s+)?(${Object.keys(WEEKDAYS).join('|')})(?![\\p{L}])`, 'iu');
const YESTERDAY = /(?<![\p{L}])(?:yesterday|امس|البارحه)(?![\p{L}])/iu;
const TODAY = /(?<![\p{L}])(?:today|اليوم)(?![\p{L}])/iu;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const shift = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

/**
 * The date a passage (normalised: see text-normalize) names, against the article's published date:
 * a written date (the year from the published date when left out), a weekday (the last such day
 * on or before publication), yesterday or today; undefined when it names none.
 */
export function dateIn(normalized: string, publishedOn?: string): SuggestedDate | undefined {
  const year = publishedOn ? Number(publishedOn.slice(0, 4)) : undefined;
  const written = (day: number, month: number, y: number | undefined): SuggestedDate | undefined => {
    const full = y ?? year;
    if (!full || day < 1 || day > 31) return undefined;
    let date = `${full}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // "on 30 December" in an article of 2 January is last year's.
    if (!y && publishedOn && date > publishedOn) date = `${full - 1}${date.slice(4)}`;
    return { date, basis: 'date', suggestion: true };
  };
  const dmy = DAY_MONTH_YEAR.exec(normalized);
  if (dmy) return written(Number(dmy[1]), MONTHS[dmy[2].toLowerCase()], dmy[3] ? Number(dmy[3]) : undefined);
  const mdy = MONTH_DAY_YEAR.exec(normalized);
  if (mdy) return written(Number(mdy[2]), MONTHS[mdy[1].toLowerCase()], mdy[3] ? Number(mdy[3]) : undefined);
  if (!publishedOn) return undefined;
  const weekday = WEEKDAY.exec(normalized);
  if (weekday) {
    const wanted = WEEKDAYS[weekday[1].toLowerCase()];
    const published = new Date(`${publishedOn}T00:00:00Z`).getUTCDay();
    return { date: shift(publishedOn, -((published - wanted + 7) % 7)), basis: 'weekday', suggestion: true };
  }
  if (YESTERDAY.test(normalized)) return { date: shift(publishedOn, -1), basis: 'relative', suggestion: true };
  if (TODAY.test(normalized)) return { date: publishedOn, basis: 'relative', suggestion: true };
  return undefined;
}
