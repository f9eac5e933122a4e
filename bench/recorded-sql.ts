import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface Recorded {
  sql: string;
  params: unknown[];
  /** Statements run before it in the same transaction (e.g. `SET LOCAL`), when the service opened one. */
  setup?: string[];
  /** The name of the prepared statement the service sends it as (planned once per connection). */
  name?: string;
  /** How many of the recorded queries had answered when this one was sent: queries sent at the same
   * count ran side by side, a later count waited for an answer (e.g. a page's rows after its ids). */
  after?: number;
}

/** Replays queries as the service sent them: side by side within a step, one step after another. */
export async function replayInSteps(pool: Pool, calls: Recorded[]): Promise<void> {
  const steps = [...new Set(calls.map((call) => call.after ?? 0))].sort((a, b) => a - b);
  for (const step of steps) await Promise.all(calls.filter((call) => (call.after ?? 0) === step).map((call) => replay(pool, call)));
}

/**
 * A DataSource that records the SQL a service sends. Without a pool, the SQL is not run (every
 * query answers no rows, a count 0); with one, each query also runs there and answers its rows, for
 * services whose later queries depend on earlier answers (e.g. a page chosen by ids, a cached total).
 */
export function recordingDataSource(calls: Recorded[], pool?: Pool): DataSource {
  let answered = 0;
  const recorder =
    (setup?: string[]) =>
    async (sql: string, params: unknown[] = []) => {
      // A transaction's `SET LOCAL` goes with the query after it; it is not a step of its own.
      const isSetup = setup !== undefined && /^\s*SET LOCAL/i.test(sql);
      if (isSetup) setup.push(sql);
      else calls.push({ sql, params, setup: setup && [...setup], after: answered });
      try {
        if (pool) return (await pool.query(sql, params)).rows;
        return /count\(\*\)/.test(sql) ? [{ total: 0 }] : [];
      } finally {
        if (!isSetup) answered++;
      }
    };
  const query = recorder();
  const transaction = async (work: (manager: { query: typeof query }) => Promise<unknown>) => work({ query: recorder([]) });
  const createQueryRunner = () => ({ query, connect: async () => undefined, release: async () => undefined });
  // pg clients, for the reads a service sends through a pooled client (prepared statements).
  const master = {
    connect: async () => {
      const client = pool ? await pool.connect() : undefined;
      return {
        query: async (textOrConfig: string | { name?: string; text: string; values?: unknown[] }, values?: unknown[]) => {
          const config = typeof textOrConfig === 'string' ? { text: textOrConfig, values } : textOrConfig;
          calls.push({ sql: config.text, params: config.values ?? [], name: config.name, after: answered });
          try {
            return client ? await client.query(config) : { rows: [] };
          } finally {
            answered++;
          }
        },
        release: (error?: Error) => client?.release(error),
      };
    },
  };
  return {
    query,
    manager: { query },
    transaction,
    createQueryRunner,
    driver: { isReplicated: false, slaves: [], master },
  } as unknown as DataSource;
}

/** Runs a recorded query as the app did: alone, or in a transaction after its setup. */
export async function replay(pool: Pool, call: Recorded, prefix = ''): Promise<{ rows: Record<string, unknown>[] }> {
  if (call.name && !prefix) return pool.query({ name: call.name, text: call.sql, values: call.params });
  if (!call.setup) return pool.query(prefix + call.sql, call.params);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const statement of call.setup) await client.query(statement);
    const result = await client.query(prefix + call.sql, call.params);
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}
