import { Logger } from '@nestjs/common';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { throwIfClientGone } from '../common/request-context';
import type { Queryable } from '../common/sql';

const logger = new Logger('ReadReplica');

/**
 * Runs read-only SQL on a read replica (`DATABASE_READ_URL`) when there is one, else on the
 * primary. `dataSource.query` and `manager.query` always use the primary in TypeORM; lists,
 * single reads and exports come through here instead. A replica that cannot be reached does not
 * take reads down: they fall back to the primary.
 */
export async function readQuery<T>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  return (await runOn(await connectClientForReads(dataSource), sql, params)) as T;
}

/** `work` inside a read-only transaction on a replica (or the primary), e.g. for `SET LOCAL`. */
export async function readTransaction<T>(dataSource: DataSource, work: (db: Queryable) => Promise<T>): Promise<T> {
  // Like every read: none of `work` runs for a request whose client left while it waited for a connection.
  if (!isReplicated(dataSource))
    return dataSource.transaction((manager) => {
      throwIfClientGone();
      return work(manager);
    });
  const runner = await connectForReads(dataSource);
  try {
    await runner.startTransaction();
    throwIfClientGone();
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** A connected query runner on a replica, or on the primary when there is none or it is down. */
export async function connectForReads(dataSource: DataSource): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner('slave');
  if (!isReplicated(dataSource)) return runner;
  try {
    await runner.connect();
    return runner;
  } catch (error) {
    await runner.release().catch(() => undefined);
    logger.warn(`replica unreachable, reading from the primary: ${(error as Error).message}`);
    return dataSource.createQueryRunner('master');
  }
}

export function isReplicated(dataSource: DataSource): boolean {
  return (dataSource.driver as unknown as { isReplicated?: boolean }).isReplicated === true;
}

/**
 * `query()` on a replica, one pooled connection per call (so a page and its count run side by side).
 * Straight to a `pg` client, without TypeORM's query runner: the hot read paths (lists) send
 * several small queries per request.
 */
export function replicaReader(dataSource: DataSource): Queryable {
  return { query: <T>(sql: string, params: unknown[] = []) => readQuery<T>(dataSource, sql, params) } as Queryable;
}

/**
 * A read through a named prepared statement: each pooled connection plans `text` once and then
 * reuses the plan. For queries whose text never changes and whose planning costs more than their
 * execution (the statement list's display query plans in ~1.2 ms and runs in ~2 ms for a page).
 */
export async function readPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  return runOn<T>(await connectClientForReads(dataSource), { name, text, values });
}

/** The same on the primary, for reads that must see the latest commit (e.g. a user's role and status). */
export async function primaryPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  return runOn<T>(await acquire((dataSource.driver as unknown as { master: Pool }).master), { name, text, values });
}

/** One query on a pooled client, which goes back to the pool afterwards (discarded after an error). */
async function runOn<T>(client: PoolClient, query: string | QueryConfig, values?: unknown[]): Promise<T[]> {
  try {
    const result = typeof query === 'string' ? await client.query(query, values) : await client.query(query);
    client.release();
    return result.rows as T[];
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

/** A pg client for a streamed read (a cursor), from a replica's pool when there is one that answers. */
export async function connectClientForReads(dataSource: DataSource): Promise<PoolClient> {
  const driver = dataSource.driver as unknown as { master: Pool; slaves: Pool[] };
  if (driver.slaves.length) {
    try {
      return await acquire(driver.slaves[Math.floor(Math.random() * driver.slaves.length)]);
    } catch (error) {
      logger.warn(`replica unreachable, reading from the primary: ${(error as Error).message}`);
    }
  }
  return acquire(driver.master);
}

/** A pooled client, unless the request's client left while this one waited for it (then it goes straight back). */
async function acquire(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  // pg-pool listens for a checked-out client's errors no longer: a connection lost meanwhile
  // (PostgreSQL stopped) would be an unhandled 'error' event, which ends the process. The query
  // in flight, or the next one, reports it instead.
  const ignore = () => undefined;
  client.on('error', ignore);
  const release = client.release;
  client.release = (error?: Error | boolean) => {
    client.removeListener('error', ignore);
    return release.call(client, error);
  };
  try {
    throwIfClientGone();
  } catch (error) {
    client.release();
    throw error;
  }
  return client;
}
