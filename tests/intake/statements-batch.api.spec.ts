import { createTestApp, TestApp } from '../utils/test-app';

/** Saving the candidates of an article: N statements in one request and one transaction. */
describe('POST /api/statements/batch', () => {
  let t: TestApp;
  let actorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [{ id: actorId }] = (await t.dataSource.query(
      `INSERT INTO actors (slug, name, kind) VALUES ('testland', 'Testland', 'state') RETURNING id`,
    )) as { id: string }[];
  });
  afterAll(() => t.close());

  const statement = (text: string) => ({ text, lang: 'en', kind: 'paraphrase', actorId, saidOn: '2024-05-02', status: 'draft' });
  const count = async () => Number(((await t.dataSource.query(`SELECT count(*) AS n FROM statements`)) as { n: string }[])[0].n);

  it('saves every statement with its audit entry and answers them in order', async () => {
    const res = await t
      .as('editor')
      .post('/api/statements/batch')
      .send({ statements: [statement('first one'), statement('second one')] })
      .expect(201);
    expect(res.body.map((s: { text: string; actorId: string; saidOn: string }) => [s.text, s.actorId, s.saidOn])).toEqual([
      ['first one', actorId, '2024-05-02'],
      ['second one', actorId, '2024-05-02'],
    ]);
    const audit = (await t.dataSource.query(`SELECT count(*) AS n FROM audit WHERE entity_type = 'statements' AND action = 'create'`)) as {
      n: string;
    }[];
    expect(Number(audit[0].n)).toBe(2);
  });

  it('saves none when one is invalid, and names the item and field', async () => {
    const before = await count();
    const res = await t
      .as('editor')
      .post('/api/statements/batch')
      .send({ statements: [statement('fine'), { ...statement('bad actor'), actorId: '00000000-0000-4000-8000-000000000000' }] })
      .expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['statements.1.actorId']);
    expect(await count()).toBe(before);
  });

  it('is for editors and validates its shape', async () => {
    await t
      .as('analyst')
      .post('/api/statements/batch')
      .send({ statements: [statement('x')] })
      .expect(403);
    const bad = await t.as('editor').post('/api/statements/batch').send({ statements: [] }).expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['statements']);
  });
});
