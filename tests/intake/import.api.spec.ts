import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../utils/test-app';

const fixture = (path: string) => readFileSync(join(__dirname, '..', 'fixtures', 'import', path), 'utf8');
const count = async (t: TestApp, table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('POST /api/statements/import', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const post = (csv: string, query = '') => t.as('editor').post(`/api/statements/import${query}`).set('Content-Type', 'text/csv').send(csv);

  it('checks without writing on a dry run, then creates the rows with their references, removing the formula guard', async () => {
    const before = await count(t, 'statements');
    const dry = await post(fixture('ok/two-statements.csv'), '?dryRun=true').expect(200);
    expect(dry.body).toEqual({ created: 2, updated: 0, errors: [] });
    expect(await count(t, 'statements')).toBe(before);
    expect(await count(t, `tags WHERE slug = 'import-tag'`)).toBe(0);

    const res = await post(fixture('ok/two-statements.csv')).expect(200);
    expect(res.body).toEqual({ created: 2, updated: 0, errors: [] });
    const got = await t.as('analyst').get('/api/statements/5b0c6f7e-0000-4000-8000-000000000001').expect(200);
    expect(got.body).toMatchObject({
      text: 'نحن ندعم أذربيجان، "أمة واحدة، دولتان"',
      translations: { en: 'We support Azerbaijan' },
      originalLang: 'tr',
      kind: 'quote',
      channel: 'social_media',
      saidOn: '2023-09-20',
      status: 'published',
      notes: "=cmd|' /C calc'!A0",
      sourceId: '5b0c6f7e-0000-4000-8000-0000000000a1',
    });
    expect(got.body.stances).toHaveLength(2);
    expect(got.body.tagIds).toHaveLength(2);
    const [second] = await t.dataSource.query(`SELECT text FROM statements WHERE said_on = '2023-09-21' AND lang = 'en'`);
    expect(second.text).toBe('-2 is how Yerevan rates the offensive');
    const audit = await t.dataSource.query(`SELECT action, user_id FROM audit WHERE entity_id = '5b0c6f7e-0000-4000-8000-000000000001'`);
    expect(audit).toEqual([{ action: 'create', user_id: t.users.editor.id }]);
  });

  it('updates the statement a row names by id', async () => {
    const csv = fixture('ok/two-statements.csv')
      .replace('We support Azerbaijan', 'We stand with Azerbaijan')
      .split('\n')
      .slice(0, 2)
      .join('\n');
    const res = await post(csv).expect(200);
    expect(res.body).toEqual({ created: 0, updated: 1, errors: [] });
    const [row] = await t.dataSource.query(
      `SELECT translations, version FROM statements WHERE id = '5b0c6f7e-0000-4000-8000-000000000001'`,
    );
    expect(row).toEqual({ translations: { en: 'We stand with Azerbaijan' }, version: 2 });
    const [entry] = await t.dataSource.query(
      `SELECT changes FROM audit WHERE entity_id = '5b0c6f7e-0000-4000-8000-000000000001' AND action = 'update'`,
    );
    expect(entry.changes).toEqual({ translations: [{ en: 'We support Azerbaijan' }, { en: 'We stand with Azerbaijan' }] });
  });

  it('refuses a file with bad rows as a whole, naming each row and field', async () => {
    const before = await count(t, 'statements');
    const res = await post(fixture('not-ok/bad-rows.csv')).expect(400);
    expect(res.body).toMatchObject({ created: 0, updated: 0 });
    const errors = res.body.errors as { row: number; field: string }[];
    expect(errors.filter((e) => e.row === 1)).toEqual([]);
    expect(
      errors
        .filter((e) => e.row === 2)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['actorSlug', 'channel', 'id', 'kind', 'lang', 'saidOn', 'speakerSlug', 'stances', 'status', 'text'].sort());
    expect(
      errors
        .filter((e) => e.row === 3)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['actorSlug', 'stances']);
    expect(await count(t, 'statements')).toBe(before);
  });

  it('refuses unknown columns and malformed CSV with a 400, and other media types with a 415', async () => {
    const unknown = await post('saidOn,actorSlug,kind,lang,text,colour\n2023-09-20,armenia,quote,en,x,red\n').expect(400);
    expect(unknown.body.errors).toEqual([{ row: 0, field: 'colour', message: 'unknown column' }]);
    const broken = await post('saidOn,actorSlug,kind,lang,text\n2023-09-20,armenia,quote,en,"unterminated\n').expect(400);
    expect(broken.body.errors[0]).toMatchObject({ row: 0, field: 'file' });
    await t.as('editor').post('/api/statements/import').send({ csv: 'x' }).expect(415);
    await t.as('analyst').post('/api/statements/import').set('Content-Type', 'text/csv').send('x').expect(403);
  });

  it('takes a multipart upload in the field "file"', async () => {
    const csv = 'saidOn,actorSlug,kind,lang,text\n2023-09-22,armenia,paraphrase,en,Uploaded as a file\n';
    const res = await t.as('editor').post('/api/statements/import').attach('file', Buffer.from(csv), 'statements.csv').expect(200);
    expect(res.body).toEqual({ created: 1, updated: 0, errors: [] });
  });
});
