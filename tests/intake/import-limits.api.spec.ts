import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Import limits (issue 13, row 7) and the formula guard's round trip (row 13). Small limits here
 * so that a breach costs kilobytes; each is checked while the body streams in, answered with a 413
 * naming the limit, and nothing is written.
 */
const HEADER = 'saidOn,actorSlug,kind,lang,text';
const row = (i: number, text = `Statement ${i}`) => `2024-05-01,armenia,quote,en,${text}`;

describe('import limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      seed: true,
      env: { IMPORT_MAX_BYTES: '2000', IMPORT_MAX_ROWS: '5', IMPORT_MAX_RECORD_BYTES: '600' },
    });
  });
  afterAll(() => t.close());

  const statements = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM statements`))[0].n);
  const post = (csv: string | Buffer) => t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(csv);

  it('takes a file at the limits', async () => {
    const csv = [HEADER, ...[1, 2, 3, 4, 5].map((i) => row(i, i === 1 ? 'x'.repeat(500) : undefined))].join('\n');
    expect((await post(csv).query({ dryRun: 'true' })).body).toEqual({ created: 5, updated: 0, errors: [] });
  });

  it('refuses more rows than IMPORT_MAX_ROWS with a 413', async () => {
    const before = await statements();
    const res = await post([HEADER, ...[1, 2, 3, 4, 5, 6].map((i) => row(i))].join('\n'));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      message: 'import refused: the file has more than 5 rows (IMPORT_MAX_ROWS)',
      created: 0,
      updated: 0,
      errors: [{ row: 0, field: 'file', message: 'has more than 5 rows (IMPORT_MAX_ROWS)' }],
    });
    expect(await statements()).toBe(before);
  });

  it('refuses a record, or a single cell, longer than IMPORT_MAX_RECORD_BYTES with a 413 naming its row', async () => {
    const res = await post([HEADER, row(1), row(2, `"${'x'.repeat(1000)}`)].join('\n'));
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([{ row: 2, field: 'row', message: 'is longer than 600 bytes (IMPORT_MAX_RECORD_BYTES)' }]);
  });

  it('refuses a file larger than IMPORT_MAX_BYTES, declared or streamed, as text/csv or multipart', async () => {
    const big = [HEADER, ...Array.from({ length: 4 }, (_, i) => row(i, 'y'.repeat(550)))].join('\n');
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(declared.body.errors).toEqual([{ row: 0, field: 'file', message: 'is larger than 2000 bytes (IMPORT_MAX_BYTES)' }]);
    const upload = await t.as('editor').post('/api/actors/import').attach('file', Buffer.from(big), 'big.csv');
    expect(upload.status).toBe(413);
    expect(upload.body.errors).toEqual([{ row: 0, field: 'file', message: 'is larger than 2000 bytes (IMPORT_MAX_BYTES)' }]);

    // Chunked: no Content-Length to refuse up front; the count stops it as it streams.
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const streamed = await new Promise<{ status: number; body: string }>((resolve) => {
      const req = httpRequest(
        {
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: '/api/statements/import',
          headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${t.tokenFor('editor')}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      // Writing on after the answer may fail (the server closed); the answer is what counts.
      req.on('error', () => undefined);
      req.write(`${HEADER}\n`);
      // Far past the limit; the server answers and closes once the limit is passed.
      let sent = 0;
      const more = () => {
        while (sent < 200 && req.write(`${row(sent++, 'z'.repeat(550))}\n`));
        if (sent < 200) req.once('drain', more);
        else req.end();
      };
      more();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).errors).toEqual([{ row: 0, field: 'file', message: 'is larger than 2000 bytes (IMPORT_MAX_BYTES)' }]);
  });
});

describe('formula guard round trip', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it("keeps the author's own apostrophe before a formula character; only the export's is removed", async () => {
    const actors = await t
      .as('analyst')
      .get('/api/actors')
      .query({ filter: JSON.stringify({ kind: 'state' }), range: '[0,0]' });
    const texts = [`'=1+1`, `''=x`, `'-2 points`, `'@user`, `=SUM(A1)`, `-2`, `'plain`, `'`];
    const ids: string[] = [];
    for (const text of texts) {
      const created = await t
        .as('editor')
        .post('/api/statements')
        .send({ text, notes: text, lang: 'en', kind: 'quote', actorId: actors.body[0].id, saidOn: '2024-05-01' })
        .expect(201);
      ids.push(created.body.id);
    }
    const exported = await t
      .as('analyst')
      .get('/api/statements/export.csv')
      .query({ filter: JSON.stringify({ id: ids }), bom: 'false' })
      .expect(200);
    const [header, ...records] = parse(exported.text, { relax_column_count: true }) as string[][];
    const cellOf = (id: string) => records.find((r) => r[header.indexOf('id')] === id)![header.indexOf('text')];
    expect(cellOf(ids[0])).toBe(`''=1+1`);
    expect(cellOf(ids[4])).toBe(`'=SUM(A1)`);
    expect(cellOf(ids[5])).toBe(`-2`);

    const imported = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(exported.text);
    expect(imported.body).toMatchObject({ updated: texts.length, errors: [] });
    for (const [i, id] of ids.entries()) {
      const read = await t.as('analyst').get(`/api/statements/${id}`).expect(200);
      expect({ text: read.body.text, notes: read.body.notes }).toEqual({ text: texts[i], notes: texts[i] });
    }
  });
});
