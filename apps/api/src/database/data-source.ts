import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import { ENTITIES } from './entities';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it by.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** The one definition of the database connection, shared by the API, the CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 10), connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
