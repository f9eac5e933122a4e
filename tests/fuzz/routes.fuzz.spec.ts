import fc from 'fast-check';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Hostile input over every route and parameter: whatever a client sends, the API answers without a
 * 5xx, errors have the contract's shape, and a rejected request leaves the database unchanged.
 * `FUZZ_RUNS` sets the number of cases per property (npm test: a bounded number; `npm run fuzz`: more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const RESOURCES = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users', 'audit'];
const WRITABLE = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users'];

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE statements; --",
    '" OR 1=1 --',
    '\\',
    '%',
    '_',
    '\u0000',
    '\uD800',
    '\u202E\u200F',
    'أذربيـجان',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x")',
    'x'.repeat(30_000),
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    '[[[[[[[[[[',
    '{"a":',
    'null',
    '-1',
    '1e309',
  ),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        nastyString,
        fc.constantFrom('id', 'q', 'actorId', 'stance', 'saidFrom', 'status', 'text', 'slug', '__proto__', 'constructor'),
      ),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;
const deeplyNested = fc.integer({ min: 50, max: 2000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
/** Every byte percent-encoded (a lone surrogate becomes U+FFFD, as a browser would send it). */
const percentEncode = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
/** Percent-encoded bytes that are not UTF-8 at all. */
const invalidUtf8 = fc.constantFrom('%C3%28', '%FF%FE', '%E2%82', '%ED%A0%80', '%C0%AF', '%', '%zz');
const queryParam = fc.oneof(
  nastyString,
  jsonValue.map((v) => JSON.stringify(v)),
  deeplyNested,
);

describe('hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const fingerprint = async (): Promise<string> => {
    const [{ sum }] = await t.dataSource.query(
      `SELECT md5(concat_ws('|',
         (SELECT string_agg(id::text || version || updated_at || coalesce(deleted_at::text, ''), ',' ORDER BY id) FROM statements),
         (SELECT string_agg(id::text || version || updated_at, ',' ORDER BY id) FROM actors),
         (SELECT count(*) FROM stances), (SELECT count(*) FROM relations), (SELECT count(*) FROM tags),
         (SELECT count(*) FROM topics), (SELECT count(*) FROM sources), (SELECT count(*) FROM events),
         (SELECT string_agg(id::text || role || disabled, ',' ORDER BY id) FROM users), (SELECT count(*) FROM audit))) AS sum`,
    );
    return sum;
  };

  const assertWellFormed = (status: number, body: unknown, what: string) => {
    if (status >= 500) throw new Error(`${what} → ${status} ${JSON.stringify(body).slice(0, 300)}`);
    // 431: Node's HTTP parser refuses an oversized request line before the app sees it.
    if (status >= 400 && status !== 431) {
      expect(body).toEqual(expect.objectContaining({ statusCode: status, message: expect.any(String) }));
    }
  };

  it('lists with any filter, sort and range never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...RESOURCES, 'positions'),
        fc.record({ filter: queryParam, sort: queryParam, range: queryParam }, { requiredKeys: [] }),
        async (resource, query) => {
          const response = await t.as('admin').get(`/api/${resource}`).query(query);
          assertWellFormed(response.status, response.body, `GET /api/${resource} ${JSON.stringify(query).slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('ids of any shape never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RESOURCES), fc.oneof(nastyString.map(percentEncode), invalidUtf8), async (resource, id) => {
        const response = await t.as('admin').get(`/api/${resource}/${id}`);
        assertWellFormed(response.status, response.body, `GET /api/${resource}/${id.slice(0, 50)}`);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('bodies of any shape are rejected with 4xx, or accepted, and a rejection changes nothing', async () => {
    const existing: Record<string, string> = {};
    for (const resource of WRITABLE) {
      const list = await t.as('admin').get(`/api/${resource}`).query({ range: '[0,0]' });
      if (list.status === 200 && list.body[0]) existing[resource] = list.body[0].id;
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITABLE), fc.constantFrom('post', 'put'), jsonValue, async (resource, method, body) => {
        const before = await fingerprint();
        const url =
          method === 'post' ? `/api/${resource}` : `/api/${resource}/${existing[resource] ?? '00000000-0000-4000-8000-000000000000'}`;
        const response = await t.as('admin')[method](url).set('Content-Type', 'application/json').send(JSON.stringify(body));
        assertWellFormed(response.status, response.body, `${method.toUpperCase()} ${url} ${JSON.stringify(body).slice(0, 200)}`);
        if (response.status >= 400) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('malformed JSON, wrong content types and forged tokens are 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITABLE), nastyString, async (resource, raw) => {
        const response = await t.as('admin').post(`/api/${resource}`).set('Content-Type', 'application/json').send(`{${raw}`);
        assertWellFormed(response.status, response.body, `POST /api/${resource} raw`);
        expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(nastyString, async (token) => {
        const response = await t.http
          .get('/api/statements')
          .set('Authorization', `Bearer ${[...token].filter((c) => c >= ' ' && c <= '~').join('')}`);
        expect([401, 431]).toContain(response.status);
      }),
      { numRuns: RUNS },
    );
  });
});
