import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Lists and positions answer an ETag; a client that sends it back in If-None-Match gets a 304
 * without a body while nothing changed, and the new page with a new ETag once a write changed it.
 * Responses to signed-in users may be kept by the browser only (private) and are revalidated on every use.
 */
describe('HTTP caching of lists and positions', () => {
  let t: TestApp;
  let actorId: string;
  let topicId: string;

  const statement = (text: string) =>
    t
      .as('editor')
      .post('/api/statements')
      .send({ text, lang: 'en', kind: 'quote', actorId, saidOn: '2023-09-19', stances: [{ targetTopicId: topicId, value: -1 }] })
      .expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    actorId = (await t.as('editor').post('/api/actors').send({ slug: 'az', name: 'Azerbaijan', kind: 'state' }).expect(201)).body.id;
    topicId = (await t.as('editor').post('/api/topics').send({ slug: 'ceasefire', name: 'Ceasefire' }).expect(201)).body.id;
    await statement('The operation is over.');
  });
  afterAll(() => t.close());

  it.each([['/api/statements'], ['/api/positions']])('%s: ETag, 304 on If-None-Match, a new ETag after a write', async (path) => {
    const query = { filter: JSON.stringify({ actorId }), range: '[0,24]' };
    const first = await t.as('analyst').get(path).query(query).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await t.as('analyst').get(path).query(query).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(etag);

    await statement(`Another statement for ${path}.`);
    const changed = await t.as('analyst').get(path).query(query).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.length).toBeGreaterThan(0);
  });
});
