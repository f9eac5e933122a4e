import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { ENTITIES } from './entities';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it by.
types.setTypeParser(types.builtins.DATE, (value) => value);

/**
 * The one definition of the database connection, shared by the API, the CLI and the tests.
 * With `readUrls` (streaming replicas), the reads that go through `database/read-query.ts` (lists,
 * single records, positions, exports) run on a replica; everything else (writes, transactions, migrations) on `url`.
 */
export function dataSourceOptions(url: string, readUrls: string[] = []): DataSourceOptions {
  const common = {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 10), connectionTimeoutMillis: 5000 },
  } as const;
  if (!readUrls.length) return { ...common, url };
  return {
    ...common,
    // Query builders (sign-in, token checks) stay on the primary: they must see a password change at once.
    replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })), defaultMode: 'master' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
