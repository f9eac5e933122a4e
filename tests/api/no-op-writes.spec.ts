import { createTestApp, TestApp } from '../utils/test-app';
import { textBody } from '../utils/text-body';

const TABLES = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users'] as const;

describe('writes that change nothing are no-ops', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const [a, b] = (await t.as('analyst').get('/api/statements').query({ range: '[0,1]' }).expect(200)).body as { id: string }[];
    await t.as('editor').post('/api/tags').send({ slug: 'no-op', name: 'No-op' }).expect(201);
    await t.as('editor').post('/api/relations').send({ fromStatementId: a.id, toStatementId: b.id, type: 'supports' }).expect(201);
  });
  afterAll(() => t.close());

  /** Everything a write would leave behind: audit entries, and every row's version and updatedAt. */
  const traces = async () => {
    const [{ audit }] = await t.dataSource.query(`SELECT count(*)::int AS audit FROM audit`);
    const rows: Record<string, unknown> = {};
    for (const table of TABLES) {
      const version = ['actors', 'statements', 'sources'].includes(table) ? 'version' : 'NULL AS version';
      rows[table] = await t.dataSource.query(`SELECT id, updated_at, ${version} FROM ${table} ORDER BY id`);
    }
    return { audit: audit as number, rows };
  };

  it('a PUT of the record as GET returned it answers 200 with it, and writes nothing, for every resource', async () => {
    const before = await traces();
    for (const resource of TABLES) {
      const client = t.as(resource === 'users' ? 'admin' : 'editor');
      const [{ id }] = (await client.get(`/api/${resource}`).query({ range: '[0,0]' }).expect(200)).body as { id: string }[];
      const record = (await client.get(`/api/${resource}/${id}`).expect(200)).body as Record<string, unknown>;
      const saved = await client.put(`/api/${resource}/${id}`).send(record);
      expect([resource, saved.status]).toEqual([resource, 200]);
      expect(saved.body).toEqual(record);
    }
    expect(await traces()).toEqual(before);
  });

  it('ids count as the same whatever their letter case; the same roles in another order are the same roles', async () => {
    const [child] = (await t.as('editor').get('/api/actors').query({ filter: '{"kind":"government_body"}', range: '[0,0]' })).body;
    const [person] = (await t.as('editor').get('/api/actors').query({ filter: '{"kind":"person"}', range: '[0,99]' })).body.filter(
      (p: { roles: unknown[] }) => p.roles.length > 0,
    );
    const before = await traces();
    await t.as('editor').put(`/api/actors/${child.id}`).send({ parentId: child.parentId.toUpperCase() }).expect(200);
    await t
      .as('editor')
      .put(`/api/actors/${person.id}`)
      .send({
        roles: [...person.roles].reverse().map(({ actorId, title, from, to }: Record<string, string>) => ({ actorId, title, from, to })),
      })
      .expect(200);
    expect(await traces()).toEqual(before);
  });

  it('re-importing an unchanged export (statements, actors, topics, sources) writes nothing', async () => {
    const before = await traces();
    for (const resource of ['statements', 'actors', 'topics', 'sources']) {
      const exported = await t.as('editor').get(`/api/${resource}/export.csv`).buffer(true).parse(textBody).expect(200);
      const imported = await t
        .as('editor')
        .post(`/api/${resource}/import`)
        .set('Content-Type', 'text/csv')
        .send(exported.body as string);
      expect([resource, imported.status, imported.body.errors, imported.body.created]).toEqual([resource, 200, [], 0]);
      expect(imported.body.updated).toBeGreaterThan(0);
    }
    expect(await traces()).toEqual(before);
  });

  it('restoring a statement that is not deleted answers it unchanged and writes nothing', async () => {
    const [statement] = (await t.as('editor').get('/api/statements').query({ range: '[0,0]' })).body;
    const before = await traces();
    const restored = await t.as('editor').post(`/api/statements/${statement.id}/restore`).expect(200);
    expect(restored.body).toMatchObject({ id: statement.id, version: statement.version, updatedAt: statement.updatedAt, deletedAt: null });
    expect(await traces()).toEqual(before);
  });

  it('a real change still writes: the version, updatedAt and one audit entry', async () => {
    const [statement] = (await t.as('editor').get('/api/statements').query({ range: '[0,0]' })).body;
    const before = await traces();
    const saved = await t
      .as('editor')
      .put(`/api/statements/${statement.id}`)
      .send({ version: statement.version, notes: 'checked' })
      .expect(200);
    expect(saved.body.version).toBe(statement.version + 1);
    expect(saved.body.updatedAt).not.toBe(statement.updatedAt);
    expect((await traces()).audit).toBe(before.audit + 1);
  });
});
