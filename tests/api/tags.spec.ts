import { createTestApp, TestApp } from '../utils/test-app';

describe('tags API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, lists, reads, updates and deletes a tag', async () => {
    const created = await t.as('editor').post('/api/tags').send({ slug: 'ceasefire', name: 'Ceasefire' }).expect(201);
    expect(created.body).toMatchObject({ slug: 'ceasefire', name: 'Ceasefire' });
    const id = created.body.id as string;

    const list = await t.as('editor').get('/api/tags').query({ sort: '["name","ASC"]', range: '[0,9]' }).expect(200);
    expect(list.headers['content-range']).toBe('tags 0-0/1');
    expect(list.body).toEqual([created.body]);

    await t.as('editor').get(`/api/tags/${id}`).expect(200, created.body);
    const updated = await t
      .as('editor')
      .put(`/api/tags/${id}`)
      .send({ ...created.body, name: 'Ceasefire talk' })
      .expect(200);
    expect(updated.body).toMatchObject({ id, slug: 'ceasefire', name: 'Ceasefire talk' });

    await t.as('editor').delete(`/api/tags/${id}`).expect(200);
    await t.as('editor').get(`/api/tags/${id}`).expect(404);
    const audit = await t.dataSource.query(`SELECT action, changes FROM audit WHERE entity_id = $1 ORDER BY at`, [id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1].changes).toEqual({ name: ['Ceasefire', 'Ceasefire talk'] });
  });

  it('refuses a duplicate slug with 409 and bad input with 400 naming the field', async () => {
    await t.as('editor').post('/api/tags').send({ slug: 'dup', name: 'One' }).expect(201);
    const dup = await t.as('editor').post('/api/tags').send({ slug: 'dup', name: 'Two' }).expect(409);
    expect(dup.body.errors).toEqual({ slug: 'already exists' });
    const bad = await t.as('editor').post('/api/tags').send({ slug: 'Not a slug', name: 'x', colour: 'red' }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['colour', 'slug']);
  });

  it('filters by q and fetches many by id', async () => {
    const a = (await t.as('editor').post('/api/tags').send({ slug: 'drones', name: 'مسيّرات' })).body;
    const b = (await t.as('editor').post('/api/tags').send({ slug: 'shelling', name: 'Shelling' })).body;
    const q = await t
      .as('editor')
      .get('/api/tags')
      .query({ filter: JSON.stringify({ q: 'مسيرات' }) })
      .expect(200);
    expect(q.body.map((r: { id: string }) => r.id)).toEqual([a.id]);
    const many = await t
      .as('editor')
      .get('/api/tags')
      .query({ filter: JSON.stringify({ id: [a.id, b.id] }) })
      .expect(200);
    expect(many.body.map((r: { id: string }) => r.id).sort()).toEqual([a.id, b.id].sort());
  });
});
