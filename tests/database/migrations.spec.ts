import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const tables = async () =>
    (
      (await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
      )) as { table_name: string }[]
    ).map((row) => row.table_name);
  const functions = async () => ((await dataSource.query(`SELECT proname FROM pg_proc WHERE proname LIKE 'stance_%'`)) as unknown[]).length;

  it('creates every table of the data model on an empty database', async () => {
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual([
      'actor_roles',
      'actors',
      'audit',
      'events',
      'position_facts',
      'position_months',
      'position_totals',
      'relations',
      'settings',
      'sources',
      'stances',
      'statement_generation',
      'statement_labels',
      'statement_tags',
      'statement_topics',
      'statements',
      'tags',
      'topics',
      'users',
    ]);
    expect(await functions()).toBeGreaterThan(5);
  });

  it('reverts every migration down to an empty database, and applies them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    expect(await functions()).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toContain('statements');
  });
});
