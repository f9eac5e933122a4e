import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '../utils/test-app';
import { textBody } from '../utils/text-body';

/**
 * Totals are exact up to TOTALS_EXACT_UP_TO (3 here, so that a handful of rows crosses it); beyond,
 * `Content-Range` carries the bound and `X-Total-Is-Lower-Bound: true` says so, on every list
 * resource; `count=exact` counts them all. Pages past the bound, cursor paging and exports are
 * unaffected.
 */
describe('list totals bounded by TOTALS_EXACT_UP_TO', () => {
  const BOUND = 3;
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (resource: string, body: Record<string, unknown>) => {
    const res = await t.as('admin').post(`/api/${resource}`).send(body);
    if (res.status !== 201) throw new Error(`${resource}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const list = (resource: string, query: Record<string, string> = {}) =>
    t
      .as('admin')
      .get(`/api/${resource}`)
      .query({ range: '[0,1]', ...query })
      .expect(200);
  const statement = (text: string, extra: Record<string, unknown> = {}) =>
    create('statements', { text, lang: 'en', kind: 'quote', actorId: ids.actor, saidOn: '2023-09-19', ...extra });

  beforeAll(async () => {
    t = await createTestApp({ env: { TOTALS_EXACT_UP_TO: String(BOUND), CORS_ORIGINS: 'http://allowed.example' } });
    for (let i = 1; i <= 5; i++) {
      const actor = await create('actors', { slug: `state-${i}`, name: `State ${i}`, kind: 'state' });
      ids[`actor${i}`] = actor.id;
      const topic = await create('topics', { slug: `topic-${i}`, name: `Topic ${i}` });
      ids[`topic${i}`] = topic.id;
      await create('tags', { slug: `tag-${i}`, name: `Tag ${i}` });
      await create('sources', { title: `Report ${i}`, outlet: 'Wire' });
      await create('events', { name: `Event ${i}`, startDate: '2023-09-19' });
      await t.createUser({ role: 'analyst' });
    }
    ids.actor = ids.actor1;
    const statements: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const stances = [1, 2, 3, 4, 5].map((n) => ({ targetTopicId: ids[`topic${n}`], value: 1 }));
      statements.push((await statement(`The truce holds, day ${i}`, { actorId: ids[`actor${1 + (i % 5)}`], stances })).id);
    }
    for (let i = 1; i < statements.length; i++) {
      await create('relations', { fromStatementId: statements[i], toStatementId: statements[0], type: 'responds_to' });
    }
  });
  afterAll(() => t.close());

  it.each(['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users', 'audit', 'positions'])(
    '%s: the bound as total, marked as a lower bound; count=exact counts every row',
    async (resource) => {
      const bounded = await list(resource);
      expect(bounded.headers['content-range']).toBe(`${resource} 0-1/${BOUND}`);
      expect(bounded.headers['x-total-is-lower-bound']).toBe('true');

      const exact = await list(resource, { count: 'exact' });
      const total = Number(/\/(\d+)$/.exec(exact.headers['content-range'])![1]);
      expect(total).toBeGreaterThan(BOUND);
      expect(exact.headers['content-range']).toBe(`${resource} 0-1/${total}`);
      expect(exact.headers['x-total-is-lower-bound']).toBeUndefined();

      // Past the bound, pages go on, with the same bound as total.
      const deep = await list(resource, { range: JSON.stringify([BOUND + 1, BOUND + 1]) });
      expect(deep.body).toHaveLength(1);
      expect(deep.headers['content-range']).toBe(`${resource} ${BOUND + 1}-${BOUND + 1}/${BOUND}`);
      expect(deep.headers['x-total-is-lower-bound']).toBe('true');
    },
  );

  it('counts exactly when no more rows match than the bound', async () => {
    const three = await list('actors', { filter: JSON.stringify({ id: [ids.actor1, ids.actor2, ids.actor3] }) });
    expect(three.headers['content-range']).toBe(`actors 0-1/3`);
    expect(three.headers['x-total-is-lower-bound']).toBeUndefined();
    const none = await list('statements', { filter: JSON.stringify({ q: 'armistice' }) });
    expect(none.headers['content-range']).toBe('statements */0');
    expect(none.headers['x-total-is-lower-bound']).toBeUndefined();
  });

  it('keeps an exact statement total current through writes, while the bounded one stays the bound', async () => {
    const filter = JSON.stringify({ q: 'ceasefire' });
    const total = async (query: Record<string, string>) => {
      const res = await list('statements', { filter, ...query });
      return [res.headers['content-range'], res.headers['x-total-is-lower-bound']];
    };
    for (let i = 1; i <= BOUND; i++) await statement(`A ceasefire, take ${i}`);
    expect(await total({})).toEqual([`statements 0-1/${BOUND}`, undefined]);
    expect(await total({ count: 'exact' })).toEqual([`statements 0-1/${BOUND}`, undefined]);
    const extra = await statement('One more ceasefire');
    expect(await total({})).toEqual([`statements 0-1/${BOUND}`, 'true']);
    expect(await total({ count: 'exact' })).toEqual([`statements 0-1/${BOUND + 1}`, undefined]);
    expect(await total({ count: 'exact' })).toEqual([`statements 0-1/${BOUND + 1}`, undefined]);
    await t.as('editor').delete(`/api/statements/${extra.id}`).expect(200);
    expect(await total({ count: 'exact' })).toEqual([`statements 0-1/${BOUND}`, undefined]);
    expect(await total({})).toEqual([`statements 0-1/${BOUND}`, undefined]);
  });

  it('leaves cursor paging and exports alone', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await list('statements', { range: '[0,1]', ...(cursor ? { cursor } : {}) });
      if (cursor) {
        expect(res.headers['content-range']).toMatch(/\/\*$/);
        expect(res.headers['x-total-is-lower-bound']).toBeUndefined();
      }
      seen.push(...(res.body as { id: string }[]).map((r) => r.id));
      cursor = res.headers['next-cursor'] as string | undefined;
    } while (cursor);
    const exact = await list('statements', { count: 'exact' });
    const total = Number(/\/(\d+)$/.exec(exact.headers['content-range'])![1]);
    expect(seen).toHaveLength(total);

    const exported = await t.as('analyst').get('/api/statements/export.csv').buffer(true).parse(textBody).expect(200);
    expect(parse(exported.body as string, { bom: true, columns: true })).toHaveLength(total);
  });

  it('exposes the header to browsers and refuses any other count', async () => {
    const res = await t.as('analyst').get('/api/tags').set('Origin', 'http://allowed.example').expect(200);
    expect(res.headers['access-control-expose-headers']).toMatch(/X-Total-Is-Lower-Bound/);
    const bad = await t.as('analyst').get('/api/tags').query({ count: 'estimate' }).expect(400);
    expect(bad.body.errors).toHaveProperty('count');
  });
});
