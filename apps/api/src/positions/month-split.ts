/**
 * How a date range (inclusive, either end open) splits into whole calendar months, which the
 * monthly aggregate answers, and the days at either end, which are read from the statements.
 */
export interface MonthSplit {
  /** Whole months `[from, until)` as first days of months; an open end is undefined. Null: no whole month. */
  months: { from?: string; until?: string } | null;
  /** Inclusive day ranges outside those months. */
  days: { from?: string; to?: string }[];
}

export function splitByMonth(from?: string, to?: string): MonthSplit {
  const monthsFrom = from === undefined || from.endsWith('-01') ? from : firstOfNextMonth(from);
  const monthsUntil = to === undefined ? undefined : firstOfMonth(addDays(to, 1));
  if (monthsFrom !== undefined && monthsUntil !== undefined && monthsFrom >= monthsUntil) {
    return { months: null, days: [{ from, to }] };
  }
  const days: MonthSplit['days'] = [];
  if (from !== undefined && monthsFrom !== undefined && from < monthsFrom) days.push({ from, to: addDays(monthsFrom, -1) });
  if (to !== undefined && monthsUntil !== undefined && monthsUntil <= to) days.push({ from: monthsUntil, to });
  return { months: { from: monthsFrom, until: monthsUntil }, days };
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

function addDays(day: string, n: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return iso(date);
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

function firstOfNextMonth(day: string): string {
  const date = utc(firstOfMonth(day));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return iso(date);
}
