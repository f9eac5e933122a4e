import { createTestApp, TestApp } from '../utils/test-app';

describe('actors API', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const create = async (body: Record<string, unknown>) => {
    const res = await t.as('editor').post('/api/actors').send(body).expect(201);
    ids[body.slug as string] = res.body.id;
    return res.body;
  };
  const list = (filter: object, extra: Record<string, string> = {}) =>
    t
      .as('editor')
      .get('/api/actors')
      .query({ filter: JSON.stringify(filter), ...extra });

  beforeAll(async () => {
    t = await createTestApp();
    await create({ slug: 'azerbaijan', name: 'Azerbaijan', names: { ar: 'أذربيجان' }, aliases: ['Baku', 'باكو'], kind: 'state' });
    await create({ slug: 'az-gov', name: 'Government of Azerbaijan', kind: 'government_body', parentId: ids.azerbaijan });
    await create({
      slug: 'az-mod',
      name: 'Ministry of Defence',
      names: { ar: 'وزارة الدفاع' },
      kind: 'government_body',
      parentId: ids['az-gov'],
    });
    await create({ slug: 'armenia', name: 'Armenia', names: { ar: 'أرمينيا' }, kind: 'state' });
  });
  afterAll(() => t.close());

  it('returns depth, path and parentName on every row', async () => {
    const mod = await t.as('editor').get(`/api/actors/${ids['az-mod']}`).expect(200);
    expect(mod.body).toMatchObject({
      slug: 'az-mod',
      depth: 2,
      parentId: ids['az-gov'],
      parentName: 'Government of Azerbaijan',
      path: [
        { id: ids.azerbaijan, name: 'Azerbaijan' },
        { id: ids['az-gov'], name: 'Government of Azerbaijan' },
        { id: ids['az-mod'], name: 'Ministry of Defence' },
      ],
      roles: [],
    });
    const top = await list({ parentId: null }, { sort: '["name","ASC"]' }).expect(200);
    expect(top.body.map((a: { slug: string }) => a.slug)).toEqual(['armenia', 'azerbaijan']);
    expect(top.headers['content-range']).toBe('actors 0-1/2');
    const children = await list({ parentId: ids.azerbaijan }).expect(200);
    expect(children.body.map((a: { slug: string }) => a.slug)).toEqual(['az-gov']);
  });

  it.each([
    ['English name', 'azerb', ['azerbaijan', 'az-gov']],
    ['Arabic name without hamza', 'اذربيجان', ['azerbaijan']],
    ['Arabic name with diacritics and tatweel', 'أَذْرَبيـــجان', ['azerbaijan']],
    ['alias', 'baku', ['azerbaijan']],
    ['Arabic alias', 'باكو', ['azerbaijan']],
    ['Arabic name of a ministry', 'الدفاع', ['az-mod']],
    ['a wildcard taken literally', '%', []],
  ])('q matches any name or alias: %s', async (_, q, slugs) => {
    const res = await list({ q }).expect(200);
    expect(res.body.map((a: { slug: string }) => a.slug)).toEqual(slugs);
  });

  it('filters by kind and sorts by depth', async () => {
    const res = await list({ kind: ['state'] }, { sort: '["depth","DESC"]' }).expect(200);
    expect(res.body.map((a: { slug: string }) => a.slug).sort()).toEqual(['armenia', 'azerbaijan']);
    await list({ kind: 'empire' }).expect(400);
  });

  it('stores a person with roles and replaces them on update', async () => {
    const person = await create({
      slug: 'hikmet-hajiyev',
      name: 'Hikmet Hajiyev',
      kind: 'person',
      roles: [{ actorId: ids['az-gov'], title: 'Foreign policy adviser', from: '2019-01-01', to: null }],
    });
    expect(person.roles).toEqual([
      {
        id: expect.any(String),
        actorId: ids['az-gov'],
        actorName: 'Government of Azerbaijan',
        title: 'Foreign policy adviser',
        from: '2019-01-01',
        to: null,
      },
    ]);
    const updated = await t
      .as('editor')
      .put(`/api/actors/${person.id}`)
      .send({ ...person, roles: [...person.roles, { actorId: ids['az-mod'], title: 'Spokesman', from: '2010-01-01', to: '2012-01-01' }] })
      .expect(200);
    expect(updated.body.roles.map((r: { title: string }) => r.title)).toEqual(['Spokesman', 'Foreign policy adviser']);
    const bad = await t
      .as('editor')
      .put(`/api/actors/${person.id}`)
      .send({ roles: [{ actorId: '00000000-0000-0000-0000-000000000000', title: 'x' }] })
      .expect(400);
    expect(bad.body.errors).toEqual({ 'roles.0.actorId': 'does not exist' });
  });

  it('lists the people who hold a role at an actor (roleActorId)', async () => {
    const res = await list({ roleActorId: ids['az-mod'] }).expect(200);
    expect(res.body.map((a: { slug: string }) => a.slug)).toEqual(['hikmet-hajiyev']);
    expect((await list({ roleActorId: ids.armenia }).expect(200)).body).toEqual([]);
    await list({ roleActorId: 'nope' }).expect(400);
  });

  it('refuses a parent that makes a cycle, and a person as parent', async () => {
    const cycle = await t.as('editor').put(`/api/actors/${ids.azerbaijan}`).send({ parentId: ids['az-mod'] }).expect(400);
    expect(cycle.body.errors).toHaveProperty('parentId');
    const self = await t.as('editor').put(`/api/actors/${ids.azerbaijan}`).send({ parentId: ids.azerbaijan }).expect(400);
    expect(self.body.errors).toHaveProperty('parentId');
    const underPerson = await t
      .as('editor')
      .post('/api/actors')
      .send({ slug: 'x', name: 'X', kind: 'other', parentId: ids['hikmet-hajiyev'] })
      .expect(400);
    expect(underPerson.body.errors).toHaveProperty('parentId');
    const missing = await t
      .as('editor')
      .post('/api/actors')
      .send({ slug: 'y', name: 'Y', kind: 'other', parentId: '00000000-0000-0000-0000-000000000000' })
      .expect(400);
    expect(missing.body.errors).toEqual({ parentId: 'does not exist' });
  });

  it('refuses to delete an actor that others reference, and removes nothing', async () => {
    const res = await t.as('editor').delete(`/api/actors/${ids['az-gov']}`).expect(409);
    expect(res.body.message).toMatch(/child actors/);
    expect(res.body.message).toMatch(/roles/);
    await t.as('editor').get(`/api/actors/${ids['az-gov']}`).expect(200);
  });

  it('refuses a duplicate slug with 409 and changes nothing', async () => {
    const dup = await t.as('editor').post('/api/actors').send({ slug: 'armenia', name: 'Armenia again', kind: 'state' }).expect(409);
    expect(dup.body.errors).toEqual({ slug: 'already exists' });
    await t.as('editor').put(`/api/actors/${ids.azerbaijan}`).send({ slug: 'armenia' }).expect(409);
    expect((await t.as('editor').get(`/api/actors/${ids.azerbaijan}`)).body.slug).toBe('azerbaijan');
  });

  it('answers 404 for a missing id and 400 for a malformed one', async () => {
    await t.as('editor').get('/api/actors/00000000-0000-0000-0000-000000000000').expect(404);
    const bad = await t.as('editor').get('/api/actors/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual({ id: 'id must be a UUID' });
    await t.as('editor').delete('/api/actors/00000000-0000-0000-0000-000000000000').expect(404);
    await t.as('editor').put('/api/actors/00000000-0000-0000-0000-000000000000').send({ name: 'x' }).expect(404);
  });
});
