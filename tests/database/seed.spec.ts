import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { loadSeedData, seedDatabase } from '../../seeds/seed';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

describe('seeding the curated article', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const data = loadSeedData();
  const count = async (table: string) => Number((await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(db.url, loadConfig({}).databasePool));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('loads every actor, role, topic, tag, event, source, statement, stance and relation of the seed files', async () => {
    const result = await seedDatabase(dataSource, { onlyIfEmpty: true });
    expect(result.seeded).toBe(true);
    expect(result.inserted.statements).toBe(data.statements.length);
    expect(result.inserted.actors).toBe(data.actors.length);
    expect(await count('actors')).toBe(data.actors.length);
    expect(await count('actor_roles')).toBe(data.actors.reduce((n, a) => n + (a.roles?.length ?? 0), 0));
    expect(await count('topics')).toBe(data.topics.length);
    expect(await count('tags')).toBe(data.tags.length);
    expect(await count('events')).toBe(data.events.length);
    expect(await count('sources')).toBe(data.sources.length);
    expect(await count('statements')).toBe(data.statements.length);
    expect(await count('stances')).toBe(data.statements.reduce((n, s) => n + s.stances.length, 0));
    expect(await count('statement_topics')).toBe(data.statements.reduce((n, s) => n + s.topics.length, 0));
    expect(await count('relations')).toBe(data.relations.length);
    expect(data.statements.length).toBeGreaterThanOrEqual(20);
  });

  it('keeps every quote a verbatim part of the source body stored with it', async () => {
    const rows: { text: string; body: string }[] = await dataSource.query(
      `SELECT s.text, src.body FROM statements s JOIN sources src ON src.id = s.source_id WHERE s.kind = 'quote'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.body.includes(row.text)).toBe(true);
  });

  it('dates what was said on Tuesday 19 September 2023, and keeps Erdogan’s post on X as Turkish social media', async () => {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM statements WHERE said_on = '2023-09-19'`);
    expect(n).toBeGreaterThanOrEqual(data.statements.length - 2);
    const erdogan: { channel: string; original_lang: string }[] = await dataSource.query(
      `SELECT s.channel, s.original_lang FROM statements s JOIN actors p ON p.id = s.speaker_id
        WHERE p.slug LIKE '%erdogan%' AND s.kind = 'quote' AND s.channel = 'social_media'`,
    );
    expect(erdogan.length).toBeGreaterThanOrEqual(1);
    expect(erdogan.every((row) => row.original_lang === 'tr')).toBe(true);
  });

  it('attributes to bodies, not persons, and finds metonyms by alias', async () => {
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM statements s JOIN actors a ON a.id = s.actor_id WHERE a.kind = 'person'`,
    );
    expect(n).toBe(0);
    const byAlias = async (alias: string) =>
      (
        await dataSource.query(`SELECT slug FROM actors WHERE search_text LIKE '%' || stance_normalize($1) || '%' AND kind = 'state'`, [
          alias,
        ])
      ).map((r: { slug: string }) => r.slug);
    expect(await byAlias('أنقرة')).toEqual(expect.arrayContaining([expect.stringMatching(/turk/)]));
    expect(await byAlias('Baku')).toEqual(expect.arrayContaining([expect.stringMatching(/azerbaijan/)]));
  });

  it('is idempotent: a second run inserts nothing and changes nothing', async () => {
    const before = await dataSource.query(`SELECT id, version, updated_at FROM statements ORDER BY id`);
    expect((await seedDatabase(dataSource, { onlyIfEmpty: true })).seeded).toBe(false);
    const forced = await seedDatabase(dataSource);
    expect(Object.values(forced.inserted).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await dataSource.query(`SELECT id, version, updated_at FROM statements ORDER BY id`)).toEqual(before);
  });
});
