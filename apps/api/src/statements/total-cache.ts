import { LRUCache } from 'lru-cache';
import { boundedTotal, countSql, Page } from '../common/list-query';
import type { Queryable } from '../common/sql';
import { readTransaction } from '../database/read-query';
import type { DataSource } from 'typeorm';

/** The committed generation of the data statement filters read (migration 1732500000000). */
const GENERATION = `(SELECT sum(n) FROM statement_generation)::text`;

/**
 * Totals of statement filters, counted once and reused while nothing they depend on has changed.
 *
 * A broad filter's `count(*)` must visit every match (57,000 search hits take ~300 ms on a million
 * statements) while its page takes a few milliseconds, and an analyst paging through a result asks
 * for the same total on every page (lists count up to a bound, `countSql`, which caps the cost; an
 * exact count, `count=exact`, pays it once per generation). Every write to a table a filter reads adds
 * one to the `statement_generation` counters in the writer's transaction, so the generation read in the same
 * statement as a count describes the very snapshot that count saw. While the committed generation is
 * still that number, the count is still exact; checking costs one tiny query beside the page query.
 *
 * Per process and bounded (LRU); several API instances each keep their own, all checked against the
 * same database. On a read replica both the count and the check read the replica.
 */
/**
 * Where totals are counted: a read transaction in which the planner avoids sequential scans. A count
 * up to a bound is a LIMIT, for which the planner would rather read the table from its start until
 * enough rows match than use the index that finds the matches (a common word: ~0.6 s against ~0.2 s
 * on a million statements); where no index serves the filter, it still scans.
 */
export function countingReader(dataSource: DataSource): Queryable {
  return {
    query: (sql: string, params?: unknown[]) =>
      readTransaction(dataSource, async (db) => {
        await db.query(`SET LOCAL enable_seqscan = off`);
        return db.query(sql, params);
      }),
  } as Queryable;
}

export class TotalCache {
  private readonly totals = new LRUCache<string, { total: number; generation: string }>({ max: 1000 });

  /**
   * The number of rows of `from` (a `FROM … WHERE …` clause with its bind values), exact up to
   * `limit` (null: however many): checked against the generation on `db`, counted on `counting`.
   */
  async count(
    db: Queryable,
    counting: Queryable,
    from: string,
    params: unknown[],
    limit: number | null,
  ): Promise<Pick<Page<unknown>, 'total' | 'totalIsLowerBound'>> {
    const key = `${limit ?? 'exact'}\u0000${from}\u0000${JSON.stringify(params)}`;
    const cached = this.totals.get(key);
    if (cached) {
      const [now] = (await db.query(`SELECT ${GENERATION} AS generation`)) as { generation: string }[];
      if (now?.generation === cached.generation) return boundedTotal(cached.total, limit);
    }
    const [counted] = (await counting.query(
      `SELECT f_count.total, ${GENERATION} AS generation FROM (${countSql(from, limit)}) f_count`,
      params,
    )) as {
      total: number;
      generation: string;
    }[];
    this.totals.set(key, counted);
    return boundedTotal(counted.total, limit);
  }
}
