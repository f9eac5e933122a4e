import { DataSource } from 'typeorm';
import { seedDatabase } from '../../../seeds/seed';
import { loadConfig } from './config/app-config';
import { resolveDatabase } from './database/database';
import { createDataSource } from './database/data-source';
import { checkDerivedData, formatDifferences } from './database/derived-data';

/** `migrate`, `migrate:revert`, `seed` and `db:check` against DATABASE_URL or the embedded database. */
async function run(command: string | undefined): Promise<void> {
  if (!['migrate', 'migrate:revert', 'seed', 'db:check'].includes(command ?? '')) {
    throw new Error('usage: cli migrate | migrate:revert | seed | db:check');
  }
  const config = loadConfig();
  const database = await resolveDatabase(config);
  const dataSource: DataSource = createDataSource(database.url, config.databasePool);
  try {
    await dataSource.initialize();
    if (command === 'migrate') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    } else if (command === 'migrate:revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'db:check') {
      const found = await checkDerivedData(dataSource);
      console.log(formatDifferences(found));
      if (found.length) process.exitCode = 1;
    } else {
      await dataSource.runMigrations({ transaction: 'each' });
      const result = await seedDatabase(dataSource);
      const total = Object.values(result.inserted).reduce((a, b) => a + b, 0);
      console.log(total ? `seeded: ${JSON.stringify(result.inserted)}` : 'seed already present: nothing to do');
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

run(process.argv[2]).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
