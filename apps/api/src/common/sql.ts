import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { boundedTotal, countSql, limitOffset, Page, Range } from './list-query';

/**
 * Small helpers for hand-written SQL. Values always travel as bind parameters; only
 * whitelisted identifiers and expressions are ever written into the SQL text.
 */

/** Appends `value` to `params` and returns its placeholder (`$3`, or `$3::uuid[]` with a cast). */
export function bind(params: unknown[], value: unknown, cast?: string): string {
  params.push(value);
  return `$${params.length}${cast ? `::${cast}` : ''}`;
}

/** `%text%` for ILIKE, with the wildcard characters of `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `q` as a substring of a normalised name column (`expression`, as its trigram index has it).
 * An Arabic `q` also matches through the light stems of both sides (`stance_arabic_stem`, indexed
 * too), so وأذربيجان and الأذربيجانية find أذربيجان.
 */
export function nameMatches(expression: string, q: string, params: unknown[]): string {
  const pattern = `stance_normalize(${bind(params, containsPattern(q))})`;
  if (!/[\u0600-\u06FF\u0750-\u077F]/.test(q)) return `${expression} ILIKE ${pattern}`;
  return `(${expression} ILIKE ${pattern} OR stance_arabic_stem(${expression}) ILIKE stance_arabic_stem(${pattern}))`;
}

/** Where read-only SQL runs: an `EntityManager` (the primary, or a transaction) or `replicaReader()`. */
export type Queryable = Pick<EntityManager, 'query'>;

/** Joins conditions with AND; `TRUE` when there are none. */
export function and(conditions: string[]): string {
  return conditions.length ? conditions.map((c) => `(${c})`).join(' AND ') : 'TRUE';
}

/** Where a resource's API rows come from: `SELECT <columns> FROM <from> <joins>`; `from` alone must serve the filters. */
export interface RowSource {
  from: string;
  joins?: string;
  columns: string;
}

/**
 * One page of rows and the count of the rows matching `where`, up to `countLimit` (null: all; two
 * queries; the count skips the display joins).
 */
export async function fetchPage<T>(
  manager: Queryable,
  source: RowSource,
  query: { where: string; params: unknown[]; orderBy: string; range: Range; countLimit: number | null },
): Promise<Page<T>> {
  const { limit, offset } = limitOffset(query.range);
  const [rows, [{ total }]] = await Promise.all([
    manager.query(
      `SELECT ${source.columns} FROM ${source.from} ${source.joins ?? ''} WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT ${limit} OFFSET ${offset}`,
      query.params,
    ) as Promise<T[]>,
    manager.query(countSql(`FROM ${source.from} WHERE ${query.where}`, query.countLimit), query.params) as Promise<{ total: number }[]>,
  ]);
  return { rows, ...boundedTotal(total, query.countLimit), start: query.range.start };
}

/** The API row of one record, or a 404. */
export async function fetchOneOrFail<T>(manager: Queryable, source: RowSource, idColumn: string, id: string, what: string): Promise<T> {
  const rows = (await manager.query(`SELECT ${source.columns} FROM ${source.from} ${source.joins ?? ''} WHERE ${idColumn} = $1`, [
    id,
  ])) as T[];
  if (!rows.length) throw new NotFoundException(`${what} ${id} not found`);
  return rows[0];
}

/** Locks a row for the rest of the transaction, so that concurrent writes of it queue up; 404 when it does not exist. */
export async function lockOrFail(manager: EntityManager, table: string, id: string, what: string): Promise<void> {
  const rows = (await manager.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id])) as unknown[];
  if (!rows.length) throw new NotFoundException(`${what} ${id} not found`);
}

/** The keys of `source` listed in `keys` whose value is not undefined (a PUT leaves absent fields unchanged). */
export function pickDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
