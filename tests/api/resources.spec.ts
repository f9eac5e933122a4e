import { createTestApp, TestApp } from '../utils/test-app';

/** Topics, events and sources: the ra-data-simple-rest conventions every resource shares, and their own rules. */
describe('topics, events and sources API', () => {
  let t: TestApp;
  const editor = () => t.as('editor');
  const analyst = () => t.as('analyst');

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('topics', () => {
    let conflict: { id: string };
    let ceasefire: { id: string };

    it('creates a hierarchy and lists it with parent names, q in any language and parentId', async () => {
      conflict = (
        await editor()
          .post('/api/topics')
          .send({ slug: 'conflict', name: 'Conflict', names: { ar: 'الصراع' } })
          .expect(201)
      ).body;
      ceasefire = (
        await editor()
          .post('/api/topics')
          .send({ slug: 'ceasefire', name: 'Ceasefire', names: { ar: 'وقف إطلاق النار' }, parentId: conflict.id, description: 'Truces' })
          .expect(201)
      ).body;
      expect(ceasefire).toMatchObject({ parentId: conflict.id, parentName: 'Conflict', description: 'Truces' });
      const q = await analyst()
        .get('/api/topics')
        .query({ filter: JSON.stringify({ q: 'اطلاق' }) })
        .expect(200);
      expect(q.body.map((r: { slug: string }) => r.slug)).toEqual(['ceasefire']);
      const top = await analyst().get('/api/topics').query({ filter: '{"parentId":null}' }).expect(200);
      expect(top.body.map((r: { slug: string }) => r.slug)).toEqual(['conflict']);
      expect(top.headers['content-range']).toBe('topics 0-0/1');
    });

    it('refuses a duplicate slug, a cycle and deleting a topic with subtopics', async () => {
      const dup = await editor().post('/api/topics').send({ slug: 'ceasefire', name: 'Again' }).expect(409);
      expect(dup.body.errors).toEqual({ slug: 'already exists' });
      const cycle = await editor().put(`/api/topics/${conflict.id}`).send({ parentId: ceasefire.id }).expect(400);
      expect(cycle.body.errors).toHaveProperty('parentId');
      const del = await editor().delete(`/api/topics/${conflict.id}`).expect(409);
      expect(del.body.message).toMatch(/subtopics/);
      await analyst().get(`/api/topics/${conflict.id}`).expect(200);
    });

    it('takes the record back whole and refuses fields a topic does not have', async () => {
      const got = (await analyst().get(`/api/topics/${ceasefire.id}`).expect(200)).body;
      const put = await editor()
        .put(`/api/topics/${ceasefire.id}`)
        .send({ ...got, name: 'Truce' })
        .expect(200);
      expect(put.body).toMatchObject({ ...got, name: 'Truce', updatedAt: expect.any(String) });
      const bad = await editor()
        .put(`/api/topics/${ceasefire.id}`)
        .send({ ...got, colour: 'blue' })
        .expect(400);
      expect(bad.body.errors).toHaveProperty('colour');
      const names = await editor()
        .put(`/api/topics/${ceasefire.id}`)
        .send({ names: { Arabic: 'x' } })
        .expect(400);
      expect(names.body.errors).toHaveProperty('names');
    });
  });

  describe('events', () => {
    it('creates, filters, updates and deletes an event', async () => {
      const created = (
        await editor()
          .post('/api/events')
          .send({ name: 'September 2023 offensive', names: { ar: 'هجوم أيلول' }, startDate: '2023-09-19', endDate: '2023-09-20' })
          .expect(201)
      ).body;
      expect(created).toMatchObject({ startDate: '2023-09-19', endDate: '2023-09-20' });
      const q = await analyst().get('/api/events').query({ filter: '{"q":"هجوم"}' }).expect(200);
      expect(q.body.map((e: { id: string }) => e.id)).toEqual([created.id]);
      const dates = await editor().put(`/api/events/${created.id}`).send({ endDate: '2023-09-01' }).expect(400);
      expect(dates.body.errors).toHaveProperty('endDate');
      const bad = await editor().put(`/api/events/${created.id}`).send({ startDate: '19/09/2023' }).expect(400);
      expect(bad.body.errors).toHaveProperty('startDate');
      await editor()
        .put(`/api/events/${created.id}`)
        .send({ ...created, name: 'Offensive' })
        .expect(200);
      await editor().delete(`/api/events/${created.id}`).expect(200);
      await analyst().get(`/api/events/${created.id}`).expect(404);
    });
  });

  describe('sources', () => {
    it('keeps the body out of lists and in GET of one source', async () => {
      const created = (
        await editor()
          .post('/api/sources')
          .send({
            title: 'أذربيجان تطلق عملية',
            outlet: 'الجزيرة',
            url: 'https://www.aljazeera.net/news/2023/9/19',
            publishedAt: '2023-09-19',
            lang: 'ar',
            credit: 'AFP',
            body: 'النص الكامل',
          })
          .expect(201)
      ).body;
      expect(created).toMatchObject({ body: 'النص الكامل', version: 1 });
      const list = await analyst().get('/api/sources').query({ filter: '{"q":"الجزيره"}' }).expect(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).not.toHaveProperty('body');
      expect(list.body[0]).toMatchObject({ title: 'أذربيجان تطلق عملية', outlet: 'الجزيرة' });
      const put = await editor()
        .put(`/api/sources/${created.id}`)
        .send({ ...created, credit: 'Reuters' })
        .expect(200);
      expect(put.body).toMatchObject({ credit: 'Reuters', body: 'النص الكامل', version: 2 });
      const url = await editor().post('/api/sources').send({ title: 'x', url: 'javascript:alert(1)' }).expect(400);
      expect(url.body.errors).toHaveProperty('url');
    });
  });

  describe('every resource', () => {
    it.each(['actors', 'topics', 'tags', 'events', 'sources', 'relations', 'statements'])(
      '%s: Content-Range on an empty filter result, 400 for a malformed id and an unknown sort, 403 for analysts writing',
      async (resource) => {
        const empty = await analyst()
          .get(`/api/${resource}`)
          .query({ filter: JSON.stringify({ id: ['00000000-0000-0000-0000-000000000000'] }), range: '[0,9]' })
          .expect(200);
        expect(empty.body).toEqual([]);
        expect(empty.headers['content-range']).toBe(`${resource} */0`);
        await analyst().get(`/api/${resource}/nope`).expect(400);
        await analyst().get(`/api/${resource}/00000000-0000-0000-0000-000000000000`).expect(404);
        await analyst().get(`/api/${resource}`).query({ sort: '["password","ASC"]' }).expect(400);
        await analyst().get(`/api/${resource}`).query({ sort: '["id","ASC"]', range: '[0,24]', filter: '{}' }).expect(200);
        await analyst().post(`/api/${resource}`).send({}).expect(403);
        await analyst().delete(`/api/${resource}/00000000-0000-0000-0000-000000000000`).expect(403);
        await t.http.get(`/api/${resource}`).expect(401);
      },
    );

    it('exposes Content-Range to browsers', async () => {
      const res = await analyst().get('/api/tags').set('Origin', 'http://allowed.example').expect(200);
      expect(res.headers['access-control-expose-headers']).toMatch(/Content-Range/);
    });

    it('describes every route in the OpenAPI document', async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body;
      for (const resource of ['actors', 'topics', 'tags', 'events', 'sources', 'relations', 'statements']) {
        expect(Object.keys(doc.paths[`/api/${resource}`]).sort()).toEqual(['get', 'post']);
        expect(Object.keys(doc.paths[`/api/${resource}/{id}`]).sort()).toEqual(['delete', 'get', 'put']);
        expect(doc.paths[`/api/${resource}`].get.parameters.map((p: { name: string }) => p.name)).toEqual(
          expect.arrayContaining(['filter', 'sort', 'range']),
        );
        expect(doc.paths[`/api/${resource}/{id}`].put.responses).toHaveProperty('400');
      }
      expect(doc.paths['/api/statements/{id}/restore']).toHaveProperty('post');
      expect(doc.components.schemas.StatementDto.properties.stances.items.$ref).toMatch(/StanceDto/);
    });
  });
});
