import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Request bodies a client breaks on purpose (issue 13, rows 1, 2, 9 and 14): every stream error,
 * abort or malformed shape is a 4xx naming what is wrong, holds nothing afterwards, and writes nothing.
 */
const IMPORTS = ['statements', 'actors', 'topics', 'sources'];
const BOUNDARY = 'XStanceBoundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const filePart = (csv: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}`;
const STATEMENTS_CSV = 'saidOn,actorSlug,kind,lang,text\n2024-05-01,armenia,quote,en,Hello\n';

describe('hostile request bodies', () => {
  let t: TestApp;
  let actorId: string;

  beforeAll(async () => {
    // Two connections, a short wait for one: a connection held by a dead request shows as a 503.
    t = await createTestApp({ seed: true, env: { DB_POOL_SIZE: '2', DB_POOL_QUEUE_TIMEOUT_MS: '3000' } });
    actorId = (
      await t
        .as('analyst')
        .get('/api/actors')
        .query({ filter: JSON.stringify({ kind: 'state' }), range: '[0,0]' })
    ).body[0].id;
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  describe('row 1: multipart without its closing boundary', () => {
    it.each(IMPORTS)('POST /api/%s/import answers 400 naming the file, and the API serves on', async (resource) => {
      const res = await t
        .as('editor')
        .post(`/api/${resource}/import?dryRun=true`)
        .set('Content-Type', MULTIPART)
        .send(filePart(STATEMENTS_CSV));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, created: 0, updated: 0, errors: [{ row: 0, field: 'file' }] });
      expect(res.body.message).toMatch(/malformed multipart body \(Unexpected end of (form|file)\)/);
      await t.as('analyst').get('/api/tags').expect(200);
    });
  });

  describe('row 2: an upload that declares more than it sends, then disconnects', () => {
    it('leaves no transaction open and no connection held', async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const head = STATEMENTS_CSV.slice(0, 40);
      // More uploads than the pool has connections.
      for (let i = 0; i < 4; i++) {
        await new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(
              `POST /api/statements/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${t.tokenFor('editor')}\r\n` +
                `Content-Type: ${MULTIPART}\r\nContent-Length: 1000000\r\n\r\n${filePart(head)}`,
            );
            // Long enough for the server to take the request in; then the client is gone.
            setTimeout(() => socket.destroy(), 300);
          });
          socket.on('close', () => resolve());
          socket.on('error', () => undefined);
        });
      }
      const list = await t.as('analyst').get('/api/statements').query({ range: '[0,0]' });
      expect(list.status).toBe(200);
      const idle = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(idle[0].n).toBe(0);
    });

    it('runs the request work of the API under a statement timeout and an idle-in-transaction timeout', async () => {
      const [settings] = await t.dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(settings).toEqual({ statement: '30s', idle: '1min' });
    });
  });

  describe('row 9: shapes that answered 500', () => {
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('JSON nested 10,000 deep is a 400, on the anonymous login too', async () => {
      const login = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${deep(10_000)},"password":"x"}`);
      expect(login.status).toBe(400);
      expect(login.body).toEqual({ statusCode: 400, message: 'the JSON body is nested deeper than 32 levels' });
      for (const resource of ['statements', 'actors', 'tags']) {
        const res = await t.as('editor').post(`/api/${resource}`).set('Content-Type', 'application/json').send(deep(10_000));
        expect(res.status).toBe(400);
      }
      const relation = await t
        .as('editor')
        .put(`/api/statements/00000000-0000-4000-8000-000000000000`)
        .set('Content-Type', 'application/json')
        .send(`{"text":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
      expect(relation.status).toBe(400);
    });

    it('positions: an empty status list and a sort by month without groupBy are 400s naming the parameter', async () => {
      const empty = await t
        .as('analyst')
        .get('/api/positions')
        .query({ filter: JSON.stringify({ status: [] }) });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual({ 'filter.status': 'must list at least one value' });
      const month = await t
        .as('analyst')
        .get('/api/positions')
        .query({ sort: JSON.stringify(['month', 'ASC']) });
      expect(month.status).toBe(400);
      expect(month.body.errors).toEqual({ sort: 'can sort by "month" only with filter.groupBy ["month"]' });
      const exported = await t
        .as('analyst')
        .get('/api/positions/export.csv')
        .query({ filter: JSON.stringify({ status: [] }) });
      expect(exported.status).toBe(400);
      await t
        .as('analyst')
        .get('/api/positions')
        .query({ filter: JSON.stringify({ groupBy: ['month'] }), sort: JSON.stringify(['month', 'DESC']) })
        .expect(200);
    });

    it.each(IMPORTS)('malformed multipart on POST /api/%s/import is a 400', async (resource) => {
      const shapes: [contentType: string, body: string][] = [
        ['multipart/form-data', filePart(STATEMENTS_CSV)],
        [MULTIPART, 'not multipart at all'],
        [MULTIPART, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n`],
        [MULTIPART, `--${BOUNDARY}\r\nno header separator at all${'x'.repeat(100)}`],
        [MULTIPART, `--${BOUNDARY}--\r\n`],
      ];
      for (const [type, body] of shapes) {
        const res = await t.as('editor').post(`/api/${resource}/import`).set('Content-Type', type).send(body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ created: 0, updated: 0, errors: [expect.objectContaining({ row: 0, field: 'file' })] });
      }
    });
  });

  describe('row 14: control characters and invalid UTF-8', () => {
    const create = (body: Record<string, unknown>) =>
      t
        .as('editor')
        .post('/api/statements')
        .send({ lang: 'en', kind: 'quote', actorId, saidOn: '2024-05-01', ...body });

    it('names and texts with control characters or ANSI escapes are 400s naming the field', async () => {
      const before = await count('actors');
      const ansi = await t.as('editor').post('/api/actors').send({ slug: 'ansi', kind: 'state', name: '\u001b[31mRed\u001b[0m' });
      expect(ansi.status).toBe(400);
      expect(ansi.body.errors).toEqual({ name: expect.stringMatching(/control characters: U\+001B at character 1/) });
      const inNames = await t
        .as('editor')
        .post('/api/actors')
        .send({ slug: 'bell', kind: 'state', name: 'Bell', names: { ar: 'x\u0007' } });
      expect(inNames.body.errors).toEqual({ 'names.ar': expect.stringMatching(/U\+0007/) });
      const csi = await t.as('editor').post('/api/tags').send({ slug: 'csi', name: 'a\u009b2J' });
      expect(csi.body.errors).toEqual({ name: expect.stringMatching(/U\+009B/) });
      expect(await count('actors')).toBe(before);

      expect((await create({ text: 'null\u0000byte' })).body.errors).toEqual({ text: expect.stringMatching(/U\+0000/) });
      expect((await create({ text: 'fine', notes: 'back\bspace' })).body.errors).toEqual({ notes: expect.stringMatching(/U\+0008/) });
      expect((await create({ text: 'lone \ud800 surrogate' })).body.errors).toEqual({
        text: expect.stringMatching(/lone surrogate U\+D800/),
      });
      const kept = await create({ text: 'tab\there\nnew line\r\nWindows line', notes: 'حسنا\tok' }).expect(201);
      expect(kept.body.text).toBe('tab\there\nnew line\r\nWindows line');
    });

    it('a JSON body that is not UTF-8 is a 400, not stored with U+FFFD', async () => {
      const before = await count('tags');
      const res = await t
        .as('editor')
        .post('/api/tags')
        .set('Content-Type', 'application/json')
        // As bytes: superagent would turn a Buffer into JSON of its own.
        .serialize(() => Buffer.concat([Buffer.from('{"slug":"latin","name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]) as never)
        .send({});
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, message: 'the body is not valid UTF-8' });
      expect(await count('tags')).toBe(before);
    });

    it('a CSV import that is not UTF-8, as text/csv or multipart, is a 400; so is a cell with control characters', async () => {
      const before = await count('statements');
      const latin1 = Buffer.from(`${STATEMENTS_CSV}2024-05-02,armenia,quote,en,caf\xe9\n`, 'latin1');
      const plain = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(latin1);
      expect(plain.status).toBe(400);
      expect(plain.body.errors).toEqual([{ row: 0, field: 'file', message: expect.stringMatching(/^is not valid UTF-8/) }]);
      const upload = await t.as('editor').post('/api/statements/import').attach('file', latin1, 'latin1.csv');
      expect(upload.status).toBe(400);
      expect(upload.body.errors).toEqual([{ row: 0, field: 'file', message: expect.stringMatching(/^is not valid UTF-8/) }]);

      const escaped = await t
        .as('editor')
        .post('/api/statements/import')
        .set('Content-Type', 'text/csv')
        .send(`${STATEMENTS_CSV}2024-05-02,armenia,quote,en,"\u001b]0;owned\u0007"\n`);
      expect(escaped.status).toBe(400);
      expect(escaped.body.errors).toEqual([{ row: 2, field: 'text', message: expect.stringMatching(/U\+001B/) }]);
      const actors = await t
        .as('editor')
        .post('/api/actors/import')
        .set('Content-Type', 'text/csv')
        .send('slug,kind,name\nansi-actor,state,"\u001b[2JAnsi"\n');
      expect(actors.body.errors).toEqual([{ row: 1, field: 'name', message: expect.stringMatching(/U\+001B/) }]);
      expect(await count('statements')).toBe(before);
    });
  });
});

describe('a request held up past DB_STATEMENT_TIMEOUT_MS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DB_STATEMENT_TIMEOUT_MS: '500', DB_POOL_SIZE: '2' } });
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After, and its connection serves the next request', async () => {
    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    // From outside the API's pool settings: this session has no statement timeout of its own.
    await blocker.query(`SET LOCAL statement_timeout = 0`);
    await blocker.query(`LOCK TABLE tags IN ACCESS EXCLUSIVE MODE`);
    try {
      const blocked = await t.as('analyst').get('/api/tags');
      expect(blocked.status).toBe(503);
      expect(blocked.body).toEqual({ statusCode: 503, message: expect.stringMatching(/ran past its time limit/) });
      expect(blocked.headers['retry-after']).toBe('2');
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    await t.as('analyst').get('/api/tags').expect(200);
  });
});
