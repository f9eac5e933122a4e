import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** The database refuses invalid rows by itself, whatever the API does. */
describe('database constraints', () => {
  let db: TestDatabase;
  let sql: Client;
  const ids: Record<string, string> = {};

  const actor = async (slug: string, kind: string, parent: string | null = null) => {
    const { rows } = await sql.query(`INSERT INTO actors (slug, name, kind, parent_id) VALUES ($1, $1, $2, $3) RETURNING id`, [
      slug,
      kind,
      parent,
    ]);
    ids[slug] = rows[0].id as string;
    return ids[slug];
  };
  const statement = async (overrides: Record<string, unknown> = {}) => {
    const row = { text: 'نص', lang: 'ar', kind: 'quote', actor_id: ids.az, said_on: '2023-09-19', ...overrides };
    const columns = Object.keys(row);
    const { rows } = await sql.query(
      `INSERT INTO statements (${columns.join(',')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(',')}) RETURNING id`,
      Object.values(row),
    );
    return rows[0].id as string;
  };
  const refused = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ code });

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    await actor('az', 'state');
    await actor('az-mod', 'government_body', ids.az);
    await actor('az-mod-press', 'government_body', ids['az-mod']);
    await actor('eyvazov', 'person');
    await sql.query(`INSERT INTO topics (slug, name) VALUES ('ceasefire', 'Ceasefire')`);
  });
  afterAll(async () => {
    await sql.end();
    await db.drop();
  });

  it('keeps the materialised path of the hierarchy, also when a subtree moves', async () => {
    const path = async (slug: string) => (await sql.query(`SELECT path FROM actors WHERE id = $1`, [ids[slug]])).rows[0].path;
    expect(await path('az-mod-press')).toEqual([ids.az, ids['az-mod'], ids['az-mod-press']]);
    await actor('other-state', 'state');
    await sql.query(`UPDATE actors SET parent_id = $1 WHERE id = $2`, [ids['other-state'], ids['az-mod']]);
    expect(await path('az-mod-press')).toEqual([ids['other-state'], ids['az-mod'], ids['az-mod-press']]);
    await sql.query(`UPDATE actors SET parent_id = $1 WHERE id = $2`, [ids.az, ids['az-mod']]);
    expect(await path('az-mod-press')).toEqual([ids.az, ids['az-mod'], ids['az-mod-press']]);
  });

  it('refuses a cycle in the actor hierarchy', async () => {
    await refused(sql.query(`UPDATE actors SET parent_id = $1 WHERE id = $2`, [ids['az-mod-press'], ids.az]), '23514');
    await refused(sql.query(`UPDATE actors SET parent_id = id WHERE id = $1`, [ids.az]), '23514');
  });

  it('keeps persons outside the hierarchy', async () => {
    await refused(actor('p2', 'person', ids.az), '23514');
    await refused(actor('under-person', 'government_body', ids.eyvazov), '23514');
  });

  it('refuses duplicate slugs, malformed slugs and unknown kinds', async () => {
    await refused(actor('az', 'state'), '23505');
    await refused(actor('Not A Slug', 'state'), '23514');
    await refused(actor('ok-slug', 'empire'), '23514');
  });

  it('requires roles to link a person to a body', async () => {
    await sql.query(`INSERT INTO actor_roles (person_id, actor_id, title, started_on) VALUES ($1, $2, 'Spokesman', '2022-01-01')`, [
      ids.eyvazov,
      ids['az-mod'],
    ]);
    await refused(sql.query(`INSERT INTO actor_roles (person_id, actor_id, title) VALUES ($1, $2, 'x')`, [ids.az, ids['az-mod']]), '23514');
    await refused(
      sql.query(
        `INSERT INTO actor_roles (person_id, actor_id, title, started_on, ended_on) VALUES ($1, $2, 'x', '2020-01-02', '2020-01-01')`,
        [ids.eyvazov, ids.az],
      ),
      '23514',
    );
  });

  it('refuses a person as the actor spoken for and a body as the speaker', async () => {
    await statement({ speaker_id: ids.eyvazov, actor_id: ids['az-mod'] });
    await refused(statement({ actor_id: ids.eyvazov }), '23514');
    await refused(statement({ speaker_id: ids['az-mod'] }), '23514');
    await expect(sql.query(`UPDATE actors SET kind = 'state' WHERE id = $1`, [ids.eyvazov])).rejects.toMatchObject({ code: '23514' });
  });

  it('refuses statements with unknown enumerations, bad languages, empty text or missing actor', async () => {
    await refused(statement({ kind: 'rumour' }), '23514');
    await refused(statement({ channel: 'pigeon' }), '23514');
    await refused(statement({ status: 'archived' }), '23514');
    await refused(statement({ lang: 'Arabic' }), '23514');
    await refused(statement({ text: '   ' }), '23514');
    await refused(statement({ translations: '["not", "an object"]' }), '23514');
    await refused(statement({ actor_id: null }), '23502');
    await refused(statement({ actor_id: '00000000-0000-0000-0000-000000000000' }), '23503');
  });

  it('keeps stance values within -2..+2 and one target per stance', async () => {
    const id = await statement();
    const topic = (await sql.query(`SELECT id FROM topics WHERE slug = 'ceasefire'`)).rows[0].id;
    await sql.query(`INSERT INTO stances (statement_id, target_actor_id, value) VALUES ($1, $2, -2)`, [id, ids.az]);
    await refused(sql.query(`INSERT INTO stances (statement_id, target_topic_id, value) VALUES ($1, $2, 3)`, [id, topic]), '23514');
    await refused(sql.query(`INSERT INTO stances (statement_id, value) VALUES ($1, 1)`, [id]), '23514');
    await refused(
      sql.query(`INSERT INTO stances (statement_id, target_actor_id, target_topic_id, value) VALUES ($1, $2, $3, 1)`, [id, ids.az, topic]),
      '23514',
    );
    await refused(sql.query(`INSERT INTO stances (statement_id, target_actor_id, value) VALUES ($1, $2, 1)`, [id, ids.az]), '23505');
  });

  it('refuses a statement related to itself and deleting what statements reference', async () => {
    const a = await statement();
    const b = await statement();
    await sql.query(`INSERT INTO relations (from_statement_id, to_statement_id, type) VALUES ($1, $2, 'responds_to')`, [a, b]);
    await refused(sql.query(`INSERT INTO relations (from_statement_id, to_statement_id, type) VALUES ($1, $1, 'supports')`, [a]), '23514');
    await refused(sql.query(`INSERT INTO relations (from_statement_id, to_statement_id, type) VALUES ($1, $2, 'agrees')`, [a, b]), '23514');
    await refused(sql.query(`DELETE FROM actors WHERE id = $1`, [ids['az-mod']]), '23001');
  });

  it('refuses users with an unknown role and duplicate emails in any case', async () => {
    await sql.query(`INSERT INTO users (email, role, password_hash) VALUES ('a@b.c', 'editor', 'x')`);
    await refused(sql.query(`INSERT INTO users (email, role, password_hash) VALUES ('A@B.C', 'editor', 'x')`), '23505');
    await refused(sql.query(`INSERT INTO users (email, role, password_hash) VALUES ('d@b.c', 'root', 'x')`), '23514');
  });
});
