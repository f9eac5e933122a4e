import { PipeTransform } from '@nestjs/common';
import { STANCE_MAX, STANCE_MIN } from '@stance/common';
import { FieldErrorsException } from './api-error';
import { isIsoDate, isUuid, LANG_PATTERN } from './validators';

/**
 * The react-admin `ra-data-simple-rest` list query (`filter`, `sort`, `range`, each JSON),
 * parsed once into a typed object that every list and export uses.
 */

export const MAX_PAGE_SIZE = 1000;
export const MAX_FILTER_TEXT = 500;
/** More values than this in one filter key is a mistake, not a query. */
export const MAX_FILTER_VALUES = 1000;

export type SortOrder = 'ASC' | 'DESC';
export interface Sort {
  field: string;
  order: SortOrder;
}
/** Inclusive row offsets, as react-admin sends them. */
export interface Range {
  start: number;
  end: number;
}
export interface ListQuery<F> {
  filter: F;
  /** null when the client did not ask for an order (statements then rank by relevance for `q`). */
  sort: Sort | null;
  range: Range;
  /** `count=exact`: count every match, however many (else totals are exact up to `totalsExactUpTo()`). */
  exactTotal?: true;
}
/**
 * Rows that the database has already written as one JSON array, sent as they are (the statement
 * list: parsing a page in Node only to serialize it again costs more than the query).
 */
export class JsonRows {
  constructor(
    readonly json: string,
    readonly length: number,
  ) {}
}

/** One page of a list and the number of rows the filter matches (null: not counted, in cursor paging). */
export interface Page<T> {
  rows: T[] | JsonRows;
  total: number | null;
  /** More rows match than `total`, the bound up to which totals are counted (`X-Total-Is-Lower-Bound`). */
  totalIsLowerBound?: boolean;
  start: number;
  /** Where the next page starts, for keyset paging (`?cursor=`); absent on the last page. */
  nextCursor?: string;
}

/**
 * What one filter key accepts:
 * - `text`: a string (blank means no filter);
 * - `uuid`: one id or an array of ids → string[];
 * - `uuidOrNull`: as `uuid`, and `null` matches an empty column (e.g. top-level `parentId`);
 * - `date`: `YYYY-MM-DD`; `boolean`; `lang`: language code(s) → string[];
 * - `stance`: an integer or `{min, max}` within the stance scale → `{min, max}`;
 * - a list of strings: one of them or an array of them → string[].
 */
export type FilterRule = 'text' | 'uuid' | 'uuidOrNull' | 'date' | 'boolean' | 'lang' | 'stance' | readonly string[];
export type FilterSchema = Record<string, FilterRule>;

export interface ListSpec {
  filter: FilterSchema;
  /** Sortable field → the SQL expression it sorts by. Must contain `id` (react-admin's default sort). */
  sort: Record<string, string>;
}

export interface StanceRange {
  min: number;
  max: number;
}

export function parseListQuery<F>(query: Record<string, unknown>, spec: ListSpec): ListQuery<F> {
  const errors: Record<string, string> = {};
  const filter = parseFilter<F>(jsonParam(query, 'filter', errors), spec.filter, errors);
  const sort = parseSort(jsonParam(query, 'sort', errors), spec, errors);
  const range = parseRange(jsonParam(query, 'range', errors), errors);
  const exactTotal = parseCount(query.count, errors);
  if (Object.keys(errors).length) throw new FieldErrorsException(errors, 'Invalid list query');
  return { filter, sort, range, ...(exactTotal ? { exactTotal } : {}) };
}

export const DEFAULT_TOTALS_EXACT_UP_TO = 10_000;
let exactUpTo = DEFAULT_TOTALS_EXACT_UP_TO;

/**
 * Lists count their matches exactly up to this many (`TOTALS_EXACT_UP_TO`, set once at start);
 * beyond, the total is this bound, marked as a lower bound. Counting every one of 50,000 search
 * hits costs a hundred times the page it is shown with, and nobody pages that far.
 */
export function totalsExactUpTo(): number {
  return exactUpTo;
}

export function setTotalsExactUpTo(bound: number): void {
  exactUpTo = bound;
}

/** How many matches a list counts at most: null for all of them (`count=exact`). */
export function countLimit(query: Pick<ListQuery<unknown>, 'exactTotal'>): number | null {
  return query.exactTotal ? null : exactUpTo;
}

/**
 * `SELECT … AS total` counting the rows of `fromWhere` (`FROM … WHERE …`): all of them when `limit`
 * is null, else at most `limit + 1`, which is enough to tell that there are more than `limit`.
 */
export function countSql(fromWhere: string, limit: number | null): string {
  return limit === null
    ? `SELECT count(*)::int AS total ${fromWhere}`
    : `SELECT count(*)::int AS total FROM (SELECT 1 ${fromWhere} LIMIT ${limit + 1}) f_counted`;
}

/** The total a page reports for a count made by `countSql` with `limit`. */
export function boundedTotal(counted: number, limit: number | null): Pick<Page<unknown>, 'total' | 'totalIsLowerBound'> {
  return limit !== null && counted > limit ? { total: limit, totalIsLowerBound: true } : { total: counted };
}

/** The filter alone (positions and exports take `filter` without paging). */
export function parseFilterParam<F>(query: Record<string, unknown>, schema: FilterSchema): F {
  const errors: Record<string, string> = {};
  const filter = parseFilter<F>(jsonParam(query, 'filter', errors), schema, errors);
  if (Object.keys(errors).length) throw new FieldErrorsException(errors, 'Invalid filter');
  return filter;
}

/** The sort alone, for routes that stream every row (exports). */
export function parseSortParam(query: Record<string, unknown>, spec: ListSpec): Sort | null {
  const errors: Record<string, string> = {};
  const sort = parseSort(jsonParam(query, 'sort', errors), spec, errors);
  if (Object.keys(errors).length) throw new FieldErrorsException(errors, 'Invalid sort');
  return sort;
}

/** `ORDER BY` body for a sort: the whitelisted expression, then `id` in the same direction so pages never overlap. */
export function orderBy(spec: ListSpec, sort: Sort): string {
  const expression = spec.sort[sort.field];
  if (expression === undefined) throw new Error(`sort field ${sort.field} is not whitelisted`);
  const order = sort.order === 'DESC' ? 'DESC' : 'ASC';
  return sort.field === 'id' ? `${expression} ${order}` : `${expression} ${order}, ${spec.sort.id} ${order}`;
}

/**
 * `actors 0-9/42`; `actors *\/42` for an empty page (react-admin reads the number after the slash);
 * `statements 0-999/*` when the total was not counted.
 */
export function contentRange(resource: string, page: Page<unknown>): string {
  const total = page.total ?? '*';
  return page.rows.length === 0 ? `${resource} */${total}` : `${resource} ${page.start}-${page.start + page.rows.length - 1}/${total}`;
}

/** A keyset position: the sort it belongs to, the last row's sort value and id. */
export interface Cursor {
  field: string;
  order: SortOrder;
  value: unknown;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.field, cursor.order, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(token: unknown): Cursor {
  const invalid = () => new FieldErrorsException({ cursor: 'is not a cursor this API gave out' });
  if (typeof token !== 'string' || token.length > 500) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalid();
  const [field, order, value, id] = parsed as unknown[];
  if (
    typeof field !== 'string' ||
    (order !== 'ASC' && order !== 'DESC') ||
    !isUuid(id) ||
    (typeof value !== 'string' && typeof value !== 'number')
  ) {
    throw invalid();
  }
  return { field, order, value, id };
}

export function limitOffset(range: Range): { limit: number; offset: number } {
  return { limit: range.end - range.start + 1, offset: range.start };
}

/** `@Query(new ListQueryPipe(SPEC)) query: ListQuery<Filter>` */
export class ListQueryPipe implements PipeTransform<Record<string, unknown> | undefined, ListQuery<unknown>> {
  constructor(private readonly spec: ListSpec) {}

  transform(query: Record<string, unknown> | undefined): ListQuery<unknown> {
    return parseListQuery(query ?? {}, this.spec);
  }
}

function jsonParam(query: Record<string, unknown>, name: string, errors: Record<string, string>): unknown {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') {
    errors[name] = 'must be given once, as JSON';
    return undefined;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    errors[name] = 'is not valid JSON';
    return undefined;
  }
}

function parseCount(raw: unknown, errors: Record<string, string>): true | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'exact') return true;
  errors.count = `must be "exact" (or left out: totals are exact up to ${exactUpTo} matches)`;
  return undefined;
}

function parseSort(raw: unknown, spec: ListSpec, errors: Record<string, string>): Sort | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'string' || typeof raw[1] !== 'string') {
    errors.sort = 'must be ["field", "ASC" or "DESC"]';
    return null;
  }
  const [field, order] = raw as [string, string];
  if (!Object.prototype.hasOwnProperty.call(spec.sort, field)) {
    errors.sort = `cannot sort by "${field}"; sortable fields: ${Object.keys(spec.sort).join(', ')}`;
    return null;
  }
  const upper = order.toUpperCase();
  if (upper !== 'ASC' && upper !== 'DESC') {
    errors.sort = 'order must be "ASC" or "DESC"';
    return null;
  }
  return { field, order: upper };
}

function parseRange(raw: unknown, errors: Record<string, string>): Range {
  const fallback = { start: 0, end: MAX_PAGE_SIZE - 1 };
  if (raw === undefined || raw === null) return fallback;
  if (!Array.isArray(raw) || raw.length !== 2 || !raw.every((n) => Number.isSafeInteger(n))) {
    errors.range = 'must be [start, end], two integers';
    return fallback;
  }
  const [start, end] = raw as [number, number];
  if (start < 0 || end < start) {
    errors.range = 'must satisfy 0 <= start <= end';
    return fallback;
  }
  if (end - start + 1 > MAX_PAGE_SIZE) {
    errors.range = `may span at most ${MAX_PAGE_SIZE} rows`;
    return fallback;
  }
  return { start, end };
}

function parseFilter<F>(raw: unknown, schema: FilterSchema, errors: Record<string, string>): F {
  const out: Record<string, unknown> = {};
  if (raw === undefined || raw === null) return out as F;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.filter = 'must be a JSON object';
    return out as F;
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const rule = Object.prototype.hasOwnProperty.call(schema, key) ? schema[key] : undefined;
    if (rule === undefined) {
      const message = `is not a filter of this resource; filters: ${Object.keys(schema).join(', ')}`;
      errors[`filter.${key}`] = message;
      problems.push(`${key} ${message}`);
      continue;
    }
    const parsed = parseFilterValue(value, rule);
    if ('error' in parsed) {
      errors[`filter.${key}`] = parsed.error;
      problems.push(`${key} ${parsed.error}`);
    } else if (parsed.value !== undefined) {
      out[key] = parsed.value;
    }
  }
  if (problems.length) errors.filter = problems.join('; ');
  return out as F;
}

type Parsed = { value: unknown } | { error: string };

function parseFilterValue(value: unknown, rule: FilterRule): Parsed {
  if (value === undefined) return { value: undefined };
  if (value === null) return { value: rule === 'uuidOrNull' ? null : undefined };
  if (Array.isArray(rule)) return oneOrMany(value, (v) => typeof v === 'string' && rule.includes(v), `one of ${rule.join(', ')}`);
  switch (rule) {
    case 'text':
      if (typeof value !== 'string') return { error: 'must be a string' };
      if (value.length > MAX_FILTER_TEXT) return { error: `must be at most ${MAX_FILTER_TEXT} characters` };
      return { value: value.trim() === '' ? undefined : value.trim() };
    case 'uuid':
    case 'uuidOrNull':
      return oneOrMany(value, isUuid, 'a UUID');
    case 'lang':
      return oneOrMany(value, (v) => typeof v === 'string' && LANG_PATTERN.test(v), 'a language code such as "ar" or "en"');
    case 'date':
      return isIsoDate(value) ? { value } : { error: 'must be a date YYYY-MM-DD' };
    case 'boolean':
      if (value === true || value === 'true') return { value: true };
      if (value === false || value === 'false') return { value: false };
      return { error: 'must be true or false' };
    case 'stance':
      return parseStance(value);
    default:
      return { error: 'is not supported' };
  }
}

function oneOrMany(value: unknown, valid: (v: unknown) => boolean, what: string): Parsed {
  const values = Array.isArray(value) ? value : [value];
  if (values.length > MAX_FILTER_VALUES) return { error: `may list at most ${MAX_FILTER_VALUES} values` };
  const bad = values.find((v) => !valid(v));
  if (bad !== undefined) return { error: `must be ${what} or an array of them; got ${JSON.stringify(bad)}` };
  return { value: values as string[] };
}

function parseStance(value: unknown): Parsed {
  const valid = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= STANCE_MIN && (n as number) <= STANCE_MAX;
  const scale = `an integer from ${STANCE_MIN} to ${STANCE_MAX}`;
  if (typeof value === 'number' || typeof value === 'string') {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return valid(n) ? { value: { min: n, max: n } } : { error: `must be ${scale} or {"min": .., "max": ..}` };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { min = STANCE_MIN, max = STANCE_MAX, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length) return { error: 'takes only "min" and "max"' };
    if (!valid(min) || !valid(max)) return { error: `min and max must each be ${scale}` };
    if (min > max) return { error: 'min must not exceed max' };
    return { value: { min, max } satisfies StanceRange };
  }
  return { error: `must be ${scale} or {"min": .., "max": ..}` };
}
