import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Hostile input over every route and parameter: whatever a client sends, the API answers without a
 * 5xx, errors have the contract's shape, and a rejected request leaves the database unchanged.
 * `FUZZ_RUNS` sets the number of cases per property (npm test: a bounded number; `npm run fuzz`: more).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const RESOURCES = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users', 'audit'];
const WRITABLE = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users'];
const IMPORTS = ['statements', 'actors', 'topics', 'sources'];
const BOUNDARY = 'FuzzBoundary';

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

  it('JSON nested any depth, or not UTF-8, on any JSON route (the anonymous login too) is a 4xx that changes nothing', async () => {
    const routes = [...WRITABLE.map((resource) => `/api/${resource}`), '/api/auth/login', '/api/extract'];
    const nested = fc
      .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('[', '{"a":'))
      .map(([depth, open]) => `{"name":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`);
    const notUtf8 = fc
      .tuple(nastyString, fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]))
      .map(([text, bytes]) =>
        Buffer.concat([Buffer.from(`{"name":"${text.replace(/["\\]/g, '')}`), Buffer.from(bytes), Buffer.from('"}')]),
      );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.oneof(nested, notUtf8), async (url, body) => {
        const before = await fingerprint();
        const response = await t
          .as('admin')
          .post(url)
          .set('Content-Type', 'application/json')
          .serialize(() => body as never)
          .send({});
        assertWellFormed(response.status, response.body, `POST ${url} ${String(body).slice(0, 80)}`);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('imports: unterminated or malformed multipart, huge cells and invalid UTF-8 are 4xx and change nothing', async () => {
    const header = fc.constantFrom('saidOn,actorSlug,kind,lang,text', 'slug,kind,name', 'slug,name', 'title', '');
    const csv = fc
      .tuple(header, fc.array(fc.array(nastyString, { maxLength: 6 }), { maxLength: 4 }))
      .map(([head, rows]) => [head, ...rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\n'));
    const part = (content: string) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\n${content}`;
    const multipart = fc.oneof(
      // unterminated: no closing boundary, cut anywhere
      fc.tuple(csv, fc.nat()).map(([content, cut]) => part(content).slice(0, 10 + (cut % (part(content).length - 9)))),
      // a wrong or missing boundary, garbage part headers
      csv.map((content) => part(content).replace(BOUNDARY, 'Other') + `\r\n--Other--\r\n`),
      fc.string({ maxLength: 200 }).map((junk) => `--${BOUNDARY}\r\n${junk}`),
    );
    const huge = fc
      .tuple(fc.integer({ min: 3, max: 4 }), fc.boolean())
      .map(
        ([mb, quoted]) =>
          `saidOn,actorSlug,kind,lang,text\n2024-05-01,armenia,quote,en,${quoted ? '"' : ''}${'x'.repeat(mb * 1024 * 1024)}`,
      );
    const bytes = fc
      .uint8Array({ minLength: 1, maxLength: 300 })
      .map((array) => Buffer.concat([Buffer.from('slug,name\n'), Buffer.from(array), Buffer.from([0xff])]));
    const shape = fc.oneof(
      multipart.map((body) => ({ type: `multipart/form-data; boundary=${BOUNDARY}`, body: body as string | Buffer })),
      fc.constant({ type: 'multipart/form-data', body: part('slug,name\n') as string | Buffer }),
      huge.map((body) => ({ type: 'text/csv', body: body as string | Buffer })),
      bytes.map((body) => ({ type: 'text/csv', body: body as string | Buffer })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...IMPORTS), shape, async (resource, { type, body }) => {
        const before = await fingerprint();
        const response = await t.as('admin').post(`/api/${resource}/import`).set('Content-Type', type).send(body);
        assertWellFormed(response.status, response.body, `POST /api/${resource}/import ${type} ${String(body).slice(0, 120)}`);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('imports aborted mid-body hold no connection and no transaction', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...IMPORTS),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1000, max: 50_000_000 }),
        async (resource, multipart, sent, declared) => {
          const start = multipart ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n\r\n` : '';
          const body = (start + 'slug,kind,name\n' + 'a-slug,state,A name\n'.repeat(30)).slice(0, sent);
          const type = multipart ? `multipart/form-data; boundary=${BOUNDARY}` : 'text/csv';
          await new Promise<void>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => {
              socket.write(
                `POST /api/${resource}/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${t.tokenFor('admin')}\r\n` +
                  `Content-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n${body}`,
              );
              setTimeout(() => socket.destroy(), 50);
            });
            socket.on('close', () => resolve());
            socket.on('error', () => undefined);
          });
        },
      ),
      { numRuns: RUNS },
    );
    // Every connection of the pool still serves, and none was left inside a transaction.
    await Promise.all(Array.from({ length: 12 }, () => t.as('analyst').get('/api/tags').expect(200)));
    const [idle] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(idle.n).toBe(0);
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
