import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Content written to attack whoever reads it later: script payloads come back verbatim as JSON
 * (rendering them inert is the admin UI's job, see tests/browser), spreadsheet formulas are
 * neutralised in the CSV and restored by its import, and oversized bodies are refused with 413.
 */
const XSS = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `javascript:alert(1)`,
  `<svg/onload=alert(1)>`,
  `{{constructor.constructor('alert(1)')()}}`,
];
const FORMULAS = [`=HYPERLINK("http://evil.example","x")`, `+1+cmd|' /C calc'!A0`, `-2+3`, `@SUM(A1:A9)`, `\t=1+1`, `\r=1+1`];

describe('hostile content', () => {
  let t: TestApp;
  let actorId: string;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const actors = await t
      .as('analyst')
      .get('/api/actors')
      .query({ filter: JSON.stringify({ kind: 'state' }), range: '[0,0]' });
    actorId = actors.body[0].id;
  });
  afterAll(() => t.close());

  const create = (text: string, extra: Record<string, unknown> = {}) =>
    t
      .as('editor')
      .post('/api/statements')
      .send({ text, lang: 'en', kind: 'quote', actorId, saidOn: '2024-05-01', ...extra });

  it('stores script payloads and returns them verbatim, as JSON that browsers will not sniff as HTML', async () => {
    const tag = await t.as('editor').post('/api/tags').send({ slug: 'xss', name: XSS[1] }).expect(201);
    for (const payload of XSS) {
      const created = await create(payload, { notes: payload, translations: { fr: payload }, tagIds: [tag.body.id] }).expect(201);
      const read = await t.as('analyst').get(`/api/statements/${created.body.id}`).expect(200);
      expect(read.headers['content-type']).toMatch(/^application\/json/);
      expect(read.headers['x-content-type-options']).toBe('nosniff');
      expect(read.body).toMatchObject({ text: payload, notes: payload, translations: { fr: payload } });
      const listed = await t
        .as('analyst')
        .get('/api/statements')
        .query({ filter: JSON.stringify({ id: [created.body.id] }) });
      expect(listed.body[0].text).toBe(payload);
    }
    expect((await t.as('analyst').get(`/api/tags/${tag.body.id}`)).body.name).toBe(XSS[1]);
  });

  it('neutralises formulas in the CSV export, and the import of that file restores the text', async () => {
    const ids: string[] = [];
    for (const formula of FORMULAS) ids.push((await create(formula, { notes: formula }).expect(201)).body.id);
    const exported = await t
      .as('analyst')
      .get('/api/statements/export.csv')
      .query({ filter: JSON.stringify({ id: ids }), bom: 'false' });
    expect(exported.status).toBe(200);
    const [header, ...rows] = parse(exported.text, { relax_column_count: true }) as string[][];
    const column = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(FORMULAS.length);
    for (const row of rows) {
      const formula = FORMULAS[ids.indexOf(row[column('id')])];
      expect(row[column('text')]).toBe(`'${formula}`);
      expect(row[column('notes')]).toBe(`'${formula}`);
    }

    const imported = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(exported.text);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 0, updated: FORMULAS.length, errors: [] });
    for (const [i, id] of ids.entries()) {
      const read = await t.as('analyst').get(`/api/statements/${id}`).expect(200);
      expect(read.body).toMatchObject({ text: FORMULAS[i], notes: FORMULAS[i] });
    }
  });

  it('refuses a JSON body over the limit with 413 in the error shape, and stores nothing', async () => {
    const before = (await t.as('analyst').get('/api/statements').query({ range: '[0,0]' })).headers['content-range'];
    const response = await create('x'.repeat(3 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ statusCode: 413, message: expect.any(String) });
    const put = await t
      .as('editor')
      .put(`/api/tags/00000000-0000-4000-8000-000000000000`)
      .send({ name: 'y'.repeat(3 * 1024 * 1024) });
    expect(put.status).toBe(413);
    expect((await t.as('analyst').get('/api/statements').query({ range: '[0,0]' })).headers['content-range']).toBe(before);
  });

  it('a body just under the limit is read, and a long text is refused on its field rather than by size', async () => {
    const response = await create('x'.repeat(1024 * 1024));
    expect([201, 400]).toContain(response.status);
    if (response.status === 400) expect(Object.keys(response.body.errors ?? {})).toContain('text');
  });
});
