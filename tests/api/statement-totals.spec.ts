import { parse } from 'csv-parse/sync';
import { RANKED_CANDIDATES } from '../../apps/api/src/statements/statement-filter';
import { createTestApp, TestApp } from '../utils/test-app';
import { textBody } from '../utils/text-body';

/**
 * Totals of the statement list stay exact while they are reused (the list caches a counted total
 * until a table it depends on changes), and a relevance sort over many matches ranks the newest
 * ones and still lists every match exactly once.
 */
describe('statement list totals and deep pages', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (resource: string, body: Record<string, unknown>) => {
    const res = await t.as('editor').post(`/api/${resource}`).send(body);
    if (res.status !== 201) throw new Error(`${resource}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const total = async (filter: object) => {
    const res = await t
      .as('analyst')
      .get('/api/statements')
      .query({ filter: JSON.stringify(filter), range: '[0,0]' })
      .expect(200);
    return Number(/\/(\d+)$/.exec(res.headers['content-range'])![1]);
  };
  const statement = (actorId: string, text: string, extra: Record<string, unknown> = {}) =>
    create('statements', { text, lang: 'en', kind: 'quote', actorId, saidOn: '2023-09-19', ...extra });

  beforeAll(async () => {
    t = await createTestApp();
    ids.a = (await create('actors', { slug: 'state-a', name: 'State A', kind: 'state' })).id;
    ids.b = (await create('actors', { slug: 'state-b', name: 'State B', kind: 'state' })).id;
    ids.mfa = (await create('actors', { slug: 'mfa-a', name: 'MFA of A', kind: 'government_body', parentId: ids.a })).id;
    ids.topic = (await create('topics', { slug: 'truce', name: 'Truce' })).id;
  });
  afterAll(() => t.close());

  it('stays exact through creates, edits, soft deletes, restores and hierarchy moves', async () => {
    const subtreeA = { actorId: ids.a };
    expect(await total(subtreeA)).toBe(0);
    expect(await total(subtreeA)).toBe(0); // the second answer comes from the cache
    const first = await statement(ids.mfa, 'The ministry welcomes the truce');
    expect(await total(subtreeA)).toBe(1);
    const second = await statement(ids.a, 'The state welcomes the truce');
    expect(await total(subtreeA)).toBe(2);

    // A link table change: the topic filter counts the new link.
    expect(await total({ topicId: ids.topic })).toBe(0);
    await t
      .as('editor')
      .put(`/api/statements/${second.id}`)
      .send({ version: second.version, topicIds: [ids.topic] })
      .expect(200);
    expect(await total({ topicId: ids.topic })).toBe(1);

    await t.as('editor').delete(`/api/statements/${first.id}`).expect(200);
    expect(await total(subtreeA)).toBe(1);
    await t.as('editor').post(`/api/statements/${first.id}/restore`).expect(200);
    expect(await total(subtreeA)).toBe(2);

    // Moving the ministry under State B moves its statement out of A's subtree and into B's.
    expect(await total({ actorId: ids.b })).toBe(0);
    const mfa = (await t.as('editor').get(`/api/actors/${ids.mfa}`).expect(200)).body as { version?: number };
    await t
      .as('editor')
      .put(`/api/actors/${ids.mfa}`)
      .send({ ...(mfa.version === undefined ? {} : { version: mfa.version }), parentId: ids.b })
      .expect(200);
    expect(await total(subtreeA)).toBe(1);
    expect(await total({ actorId: ids.b })).toBe(1);

    // A write made outside the API counts too (the triggers live in the database).
    await t.dataSource.query(`UPDATE statements SET lang = 'fr' WHERE id = $1`, [second.id]);
    expect(await total({ actorId: ids.a, lang: 'en' })).toBe(0);
  });

  it('counts a write that was still uncommitted when the total was first counted, once it commits', async () => {
    const filter = { actorId: ids.a, q: 'armistice' };
    expect(await total(filter)).toBe(0);
    const writer = t.dataSource.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await writer.query(
        `INSERT INTO statements (text, lang, kind, actor_id, said_on, status) VALUES ('An armistice now', 'en', 'quote', $1, '2023-09-20', 'published')`,
        [ids.a],
      );
      // Counted while the insert is in flight: not in the total, and remembered as in progress.
      expect(await total(filter)).toBe(0);
      expect(await total(filter)).toBe(0);
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect(await total(filter)).toBe(1);
  });

  it('pages a subtree in date order, both ways, by offset and by cursor, as one merged order of its actors', async () => {
    const root = (await create('actors', { slug: 'merge-root', name: 'Merge root', kind: 'state' })).id;
    const child = (await create('actors', { slug: 'merge-child', name: 'Merge child', kind: 'government_body', parentId: root })).id;
    const grandchild = (await create('actors', { slug: 'merge-gc', name: 'Merge grandchild', kind: 'government_body', parentId: child }))
      .id;
    // 3 actors × 40 statements over 25 days: many share a day, so the id decides between them.
    await t.dataSource.query(
      `INSERT INTO statements (text, lang, kind, actor_id, said_on, status)
       SELECT 'merge ' || i, 'en', 'quote', (ARRAY[$1, $2, $3]::uuid[])[1 + i % 3], date '2022-01-01' + (i * 7) % 25, 'published'
         FROM generate_series(0, 119) i`,
      [root, child, grandchild],
    );
    const all = (await t.dataSource.query(
      `SELECT id, to_char(said_on, 'YYYY-MM-DD') AS "saidOn" FROM statements WHERE actor_id = ANY($1) AND said_on BETWEEN '2022-01-03' AND '2022-01-22'`,
      [[root, child, grandchild]],
    )) as { id: string; saidOn: string }[];
    const byDateThenId = (a: { id: string; saidOn: string }, b: { id: string; saidOn: string }) =>
      a.saidOn === b.saidOn ? (a.id < b.id ? -1 : 1) : a.saidOn < b.saidOn ? -1 : 1;
    const filter = JSON.stringify({ actorId: root, saidFrom: '2022-01-03', saidTo: '2022-01-22' });
    for (const order of ['DESC', 'ASC'] as const) {
      const expected = [...all].sort(byDateThenId).map((r) => r.id);
      if (order === 'DESC') expected.reverse();
      const sort = JSON.stringify(['saidOn', order]);
      const pages: string[] = [];
      for (let start = 0; start < expected.length + 10; start += 10) {
        const end = start + 9;
        const res = await t
          .as('analyst')
          .get('/api/statements')
          .query({ filter, sort, range: JSON.stringify([start, end]) })
          .expect(200);
        pages.push(...(res.body as { id: string }[]).map((r) => r.id));
        expect(res.headers['content-range']).toMatch(new RegExp(`/${expected.length}$`));
      }
      expect(pages).toEqual(expected);
      const walked: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await t
          .as('analyst')
          .get('/api/statements')
          .query({ filter, sort, range: '[0,6]', ...(cursor ? { cursor } : {}) })
          .expect(200);
        walked.push(...(res.body as { id: string }[]).map((r) => r.id));
        cursor = res.headers['next-cursor'] as string | undefined;
      } while (cursor);
      expect(walked).toEqual(expected);
    }
  });

  it(`ranks the newest ${RANKED_CANDIDATES} matches by relevance, then lists older matches newest first, each once`, async () => {
    const actor = (await create('actors', { slug: 'many', name: 'Many statements', kind: 'state' })).id;
    const count = RANKED_CANDIDATES + 150;
    // Day i, one match per day; every 97th says "ceasefire" four times and ranks highest.
    await t.dataSource.query(
      `INSERT INTO statements (text, lang, kind, actor_id, said_on, status)
       SELECT CASE WHEN i % 97 = 0 THEN 'ceasefire ceasefire ceasefire ceasefire now' ELSE 'a long statement about many things and the ceasefire' END,
              'en', 'quote', $1, date '2000-01-01' + i, 'published'
         FROM generate_series(1, $2::int) i`,
      [actor, count],
    );
    const page = async (start: number, end: number) => {
      const res = await t
        .as('analyst')
        .get('/api/statements')
        .query({ filter: JSON.stringify({ actorId: actor, q: 'ceasefire' }), range: JSON.stringify([start, end]) })
        .expect(200);
      expect(res.headers['content-range']).toBe(`statements ${start}-${start + res.body.length - 1}/${count}`);
      return res.body as { id: string; text: string; saidOn: string }[];
    };
    const rows = [...(await page(0, 499)), ...(await page(500, 999)), ...(await page(1000, 1149))];
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.id)).size).toBe(count);

    const day = (row: { saidOn: string }) => (Date.parse(row.saidOn) - Date.parse('2000-01-01')) / 86_400_000;
    // The strongest matches among the newest RANKED_CANDIDATES days come first, newest first.
    const newestStrong = Array.from({ length: count }, (_, i) => i + 1)
      .filter((i) => i % 97 === 0 && i > count - RANKED_CANDIDATES)
      .reverse();
    expect(rows.slice(0, newestStrong.length).map(day)).toEqual(newestStrong);
    expect(rows[newestStrong.length].text).not.toMatch(/ceasefire ceasefire/);
    // Past the candidates, the older matches follow newest first, the strong ones among them in date order.
    expect(rows.slice(RANKED_CANDIDATES).map(day)).toEqual(
      Array.from({ length: count - RANKED_CANDIDATES }, (_, i) => count - RANKED_CANDIDATES - i),
    );

    // A page straddling the boundary is the concatenation of the two orders.
    const straddling = await page(RANKED_CANDIDATES - 5, RANKED_CANDIDATES + 4);
    expect(straddling.map((r) => r.id)).toEqual(rows.slice(RANKED_CANDIDATES - 5, RANKED_CANDIDATES + 5).map((r) => r.id));

    // The export of the same filter has the same rows in the same order.
    const exported = await t
      .as('analyst')
      .get('/api/statements/export.csv')
      .query({ filter: JSON.stringify({ actorId: actor, q: 'ceasefire' }) })
      .buffer(true)
      .parse(textBody)
      .expect(200);
    const records = parse(exported.body as string, { bom: true, columns: true }) as { id: string }[];
    expect(records.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });
});
