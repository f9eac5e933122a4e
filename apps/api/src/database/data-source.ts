import { Client, ClientConfig, types } from 'pg';
import { DataSource, DataSourceOptions, MigrationInterface, QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import type { DatabasePoolConfig, DatabaseTimeouts } from '../config/app-config';
import { ENTITIES } from './entities';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it by.
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * The one definition of the database connection, shared by the API, the CLI and the tests.
 * With `readUrls` (streaming replicas), the reads that go through `database/read-query.ts` (lists,
 * single records, positions, exports) run on a replica; everything else (writes, transactions, migrations) on `url`.
 */
export function dataSourceOptions(
  url: string,
  pool: DatabasePoolConfig,
  readUrls: string[] = [],
  timeouts?: DatabaseTimeouts,
): DataSourceOptions {
  const common = {
    type: 'postgres',
    entities: ENTITIES,
    migrations: timeouts ? MIGRATIONS.map(withoutStatementTimeout) : MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: poolOptions(pool, timeouts),
  } as const;
  if (!readUrls.length) return { ...common, url };
  return {
    ...common,
    // Query builders (sign-in, token checks) stay on the primary: they must see a password change at once.
    replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })), defaultMode: 'master' },
  };
}

export function createDataSource(url: string, pool: DatabasePoolConfig): DataSource {
  return new DataSource(dataSourceOptions(url, pool));
}

/**
 * pg-pool has one `connectionTimeoutMillis` for both waiting in its queue for a free connection and
 * opening a new one. The pool's is the queue wait; each client gets the connect timeout, which pg's
 * Client enforces on its own (the pool's timer would cut a connect only at the queue wait, if that
 * is shorter). A busy server then queues requests for long, while an unreachable database still fails fast.
 */
export function poolOptions(pool: DatabasePoolConfig, timeouts?: DatabaseTimeouts) {
  const connectTimeoutMs = pool.connectTimeoutMs;
  // Sent as startup parameters, so every session of the pool has them without a round trip.
  const sessionLimits: ClientConfig = timeouts
    ? { statement_timeout: timeouts.statementTimeoutMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs }
    : {};
  class ClientWithConnectTimeout extends Client {
    constructor(config?: ClientConfig) {
      super({ ...config, ...sessionLimits, connectionTimeoutMillis: connectTimeoutMs });
      // pg-pool listens for errors only while a client is idle: a connection lost while checked out
      // (PostgreSQL killed between two queries of a request) would otherwise take the process down.
      // The request's next query fails (503) and the pool drops the client when it is released.
      this.on('error', () => undefined);
    }
  }
  return { max: pool.size, connectionTimeoutMillis: pool.queueTimeoutMs, Client: ClientWithConnectTimeout };
}

type MigrationClass = new () => MigrationInterface;

/** A migration run by the API at start, in its pool, free of the request statement timeout (it may rewrite large tables). */
function withoutStatementTimeout(migration: MigrationClass): MigrationClass {
  return class extends migration {
    override async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('SET LOCAL statement_timeout = 0');
      await super.up(queryRunner);
    }

    override async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query('SET LOCAL statement_timeout = 0');
      await super.down(queryRunner);
    }
  };
}
