import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { AccountIdentity1733000000000 } from '../../migrations/1733000000000-account-identity';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** Existing accounts' emails made canonical: each one rewritten, a clash refused with nothing changed. */
describe('migration AccountIdentity1733000000000', () => {
  let db: TestDatabase;
  let before: DataSource;
  let all: DataSource;
  const upTo = MIGRATIONS.indexOf(AccountIdentity1733000000000);

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    before = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS.slice(0, upTo) });
    all = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS.slice(0, upTo + 1) });
    await before.initialize();
    await all.initialize();
    await before.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await before.destroy();
    await all.destroy();
    await db.drop();
  });

  const insert = (email: string) =>
    all.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, '', 'editor', 'x') RETURNING id`, [email]);
  const emails = async () => ((await all.query(`SELECT email FROM users`)) as { email: string }[]).map((u) => u.email).sort();

  it('refuses two accounts that are one address once canonical, naming both, and changes nothing', async () => {
    await insert('Lena@Example.org');
    await insert('ｌｅｎａ@example.org');
    await insert('OMAR@Example.org');
    await expect(all.runMigrations({ transaction: 'each' })).rejects.toThrow(/Lena@Example\.org.*ｌｅｎａ@example\.org/s);
    expect(await emails()).toEqual(['Lena@Example.org', 'OMAR@Example.org', 'ｌｅｎａ@example.org']);
    expect(
      await all.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'token_generation'`),
    ).toEqual([]);
  });

  it('rewrites every email in its canonical form once the clash is resolved', async () => {
    await all.query(`UPDATE users SET email = 'lena.two@example.org' WHERE email = 'ｌｅｎａ@example.org'`);
    await all.runMigrations({ transaction: 'each' });
    expect(await emails()).toEqual(['lena.two@example.org', 'lena@example.org', 'omar@example.org']);
    await expect(insert('LENA@example.org')).rejects.toThrow(/users_email_key/);
  });

  it('reverts: the column and the trigger go; emails stay canonical', async () => {
    await all.undoLastMigration({ transaction: 'each' });
    expect(await emails()).toEqual(['lena.two@example.org', 'lena@example.org', 'omar@example.org']);
    expect(
      await all.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'token_generation'`),
    ).toEqual([]);
    expect(await all.query(`SELECT 1 FROM pg_proc WHERE proname = 'stance_users_revoke_tokens'`)).toEqual([]);
  });
});
