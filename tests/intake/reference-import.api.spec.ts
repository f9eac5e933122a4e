import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, createTestApp, TestApp } from '../utils/test-app';
import { textBody } from '../utils/text-body';

const fixture = (path: string) => readFileSync(join(__dirname, '..', 'fixtures', 'import', path), 'utf8');
const count = async (t: TestApp, table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

type Resource = 'actors' | 'topics' | 'sources';
type Row = Record<string, string>;

/** The export as text (BOM included) and as records keyed by column. */
const exportCsv = async (client: Client, resource: Resource | 'statements', query: Record<string, string> = {}) => {
  const res = await client.get(`/api/${resource}/export.csv`).query(query).buffer(true).parse(textBody);
  expect(res.status).toBe(200);
  const csv = res.body as string;
  return { res, csv, rows: parse(csv, { bom: true, columns: true }) as Row[] };
};

const importCsv = (client: Client, resource: Resource | 'statements', csv: string, query = '') =>
  client.post(`/api/${resource}/import${query}`).set('Content-Type', 'text/csv').send(csv);

/** A record as the API shows it, without what a new database gives it anew: timestamps, version, the ids of roles. */
const fresh = ({ createdAt: _c, updatedAt: _u, version: _v, ...record }: Record<string, unknown>) =>
  record.roles ? { ...record, roles: (record.roles as Row[]).map(({ id: _id, ...role }) => role) } : record;

/** Every record of a list, sorted by id; sources read one by one, since lists leave out their body. */
const recordsOf = async (t: TestApp, resource: Resource) => {
  const listed = (await t.as('analyst').get(`/api/${resource}`).query({ range: '[0,999]', sort: '["id","ASC"]' }).expect(200))
    .body as Row[];
  const records =
    resource === 'sources'
      ? await Promise.all(listed.map(async ({ id }) => (await t.as('analyst').get(`/api/sources/${id}`)).body))
      : listed;
  return records.map(fresh);
};

describe('actors, topics and sources: CSV export and import', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    const created = async (resource: Resource, record: object) =>
      (await t.as('editor').post(`/api/${resource}`).send(record).expect(201)).body.id as string;
    const [azerbaijan] = (await t.as('analyst').get('/api/actors').query({ filter: '{"q":"Azerbaijan"}', sort: '["depth","ASC"]' })).body;
    ids.azerbaijan = azerbaijan.id;
    ids.body = await created('actors', {
      slug: 'export-body',
      name: 'Office of "Quotes", Commas',
      names: { ar: 'مكتب «الاقتباس»، والفواصل', ru: 'Офис' },
      aliases: ['=HYPERLINK("http://evil")', 'مكتب، الفواصل', '-1 office'],
      kind: 'government_body',
      parentId: azerbaijan.id,
      description: 'first line\nsecond, "quoted" line',
    });
    ids.person = await created('actors', {
      slug: 'export-person',
      name: '@Someone',
      kind: 'person',
      roles: [{ actorId: ids.body, title: 'Head: of things', from: '2020-01-02', to: null }],
    });
    const [topic] = (await t.as('analyst').get('/api/topics').query({ filter: '{"parentId":null}' })).body;
    ids.parentTopic = topic.id;
    ids.topic = await created('topics', {
      slug: 'export-topic',
      name: '+Topic, "one"',
      names: { ar: 'موضوع، "واحد"' },
      parentId: topic.id,
      description: 'a\nb',
    });
    ids.source = await created('sources', {
      title: 'عنوان، "مقتبس"\nسطر ثان',
      outlet: '=Outlet',
      url: 'https://example.org/a?b=1,2',
      publishedAt: '2023-09-20',
      lang: 'ar',
      credit: 'AFP, Reuters',
      body: 'نص المقال\r\nمع "علامات"، وفواصل',
    });
  });
  afterAll(() => t.close());

  describe('GET /api/<resource>/export.csv', () => {
    it('writes every actor field, references by slug, with a BOM, a dated filename and the formula guard', async () => {
      const { res, csv, rows } = await exportCsv(t.as('analyst'), 'actors');
      expect(csv.startsWith('\uFEFFid,slug,kind,name,name_ar,')).toBe(true);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="actors-${new Date().toISOString().slice(0, 10)}.csv"`);
      const body = rows.find((r) => r.id === ids.body)!;
      expect(body).toMatchObject({
        slug: 'export-body',
        kind: 'government_body',
        name: 'Office of "Quotes", Commas',
        name_ar: 'مكتب «الاقتباس»، والفواصل',
        name_ru: 'Офис',
        name_en: '',
        aliases: `'=HYPERLINK("http://evil"); مكتب، الفواصل; -1 office`,
        parentSlug: 'azerbaijan',
        path: 'Azerbaijan > Office of "Quotes", Commas',
        description: 'first line\nsecond, "quoted" line',
        roles: '',
        version: '1',
      });
      expect(rows.find((r) => r.id === ids.person)).toMatchObject({
        name: `'@Someone`,
        parentSlug: '',
        roles: 'export-body:Head: of things:2020-01-02:',
      });
      const listed = (await t.as('analyst').get('/api/actors').query({ range: '[0,999]' })).body as Row[];
      expect(rows.map((r) => r.id)).toEqual(listed.map((a) => a.id));
    });

    it('answers the rows and order of the list for the same filter and sort', async () => {
      for (const [resource, query] of [
        ['actors', { filter: JSON.stringify({ parentId: ids.azerbaijan }), sort: '["name","DESC"]' }],
        ['actors', { filter: JSON.stringify({ kind: 'person', q: 'some' }) }],
        ['topics', { filter: JSON.stringify({ parentId: ids.parentTopic }), sort: '["slug","ASC"]' }],
        ['sources', { filter: JSON.stringify({ lang: 'ar' }) }],
      ] as const) {
        const { rows } = await exportCsv(t.as('analyst'), resource, query);
        const listed = (await t.as('analyst').get(`/api/${resource}`).query(query).expect(200)).body as Row[];
        expect(rows.map((r) => r.id)).toEqual(listed.map((r) => r.id));
        expect(rows.length).toBeGreaterThan(0);
      }
      const res = await t.as('analyst').get('/api/topics/export.csv').query({ filter: '{"colour":"red"}' });
      expect(res.status).toBe(400);
    });

    it('writes topics and sources field by field, Arabic, quotes, commas and line breaks kept', async () => {
      const topics = await exportCsv(t.as('analyst'), 'topics', { bom: 'false' });
      expect(topics.csv.startsWith('id,slug,name,name_ar,')).toBe(true);
      const parentSlug = (await t.as('analyst').get(`/api/topics/${ids.parentTopic}`)).body.slug;
      expect(topics.rows.find((r) => r.id === ids.topic)).toMatchObject({
        slug: 'export-topic',
        name: `'+Topic, "one"`,
        name_ar: 'موضوع، "واحد"',
        parentSlug,
        description: 'a\nb',
      });
      const sources = await exportCsv(t.as('analyst'), 'sources');
      expect(Object.keys(sources.rows[0])).toEqual([
        'id',
        'title',
        'outlet',
        'url',
        'publishedAt',
        'lang',
        'credit',
        'body',
        'createdAt',
        'updatedAt',
        'version',
      ]);
      expect(sources.rows.find((r) => r.id === ids.source)).toMatchObject({
        title: 'عنوان، "مقتبس"\nسطر ثان',
        outlet: `'=Outlet`,
        url: 'https://example.org/a?b=1,2',
        publishedAt: '2023-09-20',
        lang: 'ar',
        credit: 'AFP, Reuters',
        body: 'نص المقال\r\nمع "علامات"، وفواصل',
      });
    });
  });

  describe('export → import', () => {
    let empty: TestApp;
    beforeAll(async () => {
      empty = await createTestApp();
    });
    afterAll(() => empty.close());

    it('rebuilds actors (hierarchy, paths, roles), topics and sources in an empty database, then their statements', async () => {
      const files = {
        topics: (await exportCsv(t.as('analyst'), 'topics')).csv,
        actors: (await exportCsv(t.as('analyst'), 'actors')).csv,
        sources: (await exportCsv(t.as('analyst'), 'sources')).csv,
      };
      // A dry run checks the whole file and writes nothing.
      const auditBefore = await count(empty, 'audit');
      const dry = await importCsv(empty.as('editor'), 'actors', files.actors, '?dryRun=true').expect(200);
      expect(dry.body).toEqual({ created: (await exportCsv(t.as('analyst'), 'actors')).rows.length, updated: 0, errors: [] });
      expect(await count(empty, 'actors')).toBe(0);
      expect(await count(empty, 'audit')).toBe(auditBefore);

      for (const resource of ['topics', 'actors', 'sources'] as const) {
        const res = await importCsv(empty.as('editor'), resource, files[resource]).expect(200);
        expect(res.body).toEqual({ created: await count(t, resource), updated: 0, errors: [] });
      }
      for (const resource of ['actors', 'topics', 'sources'] as const)
        expect(await recordsOf(empty, resource)).toEqual(await recordsOf(t, resource));
      const paths = 'SELECT id, path FROM actors ORDER BY id';
      expect(await empty.dataSource.query(paths)).toEqual(await t.dataSource.query(paths));
      const audit = await empty.dataSource.query(
        `SELECT entity_type, action, user_id, count(*)::int AS n FROM audit WHERE entity_type <> 'users' GROUP BY 1, 2, 3 ORDER BY 1`,
      );
      expect(audit).toEqual([
        { entity_type: 'actors', action: 'create', user_id: empty.users.editor.id, n: await count(t, 'actors') },
        { entity_type: 'sources', action: 'create', user_id: empty.users.editor.id, n: await count(t, 'sources') },
        { entity_type: 'topics', action: 'create', user_id: empty.users.editor.id, n: await count(t, 'topics') },
      ]);

      const statements = await exportCsv(t.as('analyst'), 'statements');
      const res = await importCsv(empty.as('editor'), 'statements', statements.csv).expect(200);
      expect(res.body).toMatchObject({ created: statements.rows.length, updated: 0, errors: [] });
      const again = await exportCsv(empty.as('analyst'), 'statements');
      const stable = (rows: Row[]) => rows.map(({ createdAt: _c, updatedAt: _u, version: _v, relatedIds: _r, ...row }) => row);
      expect(stable(again.rows)).toEqual(stable(statements.rows));
    });

    it('is idempotent on the database it came from: rows match by id, else by slug', async () => {
      const before = await recordsOf(t, 'actors');
      const { csv, rows } = await exportCsv(t.as('analyst'), 'actors');
      const same = await importCsv(t.as('editor'), 'actors', csv).expect(200);
      expect(same.body).toEqual({ created: 0, updated: rows.length, errors: [] });
      // Other ids, the same slugs (a file from another installation): still updates.
      const otherIds = csv.replace(/^[0-9a-f]{8}-/gm, 'ffffffff-');
      const bySlug = await importCsv(t.as('editor'), 'actors', otherIds).expect(200);
      expect(bySlug.body).toEqual({ created: 0, updated: rows.length, errors: [] });
      expect(await recordsOf(t, 'actors')).toEqual(before);

      for (const resource of ['topics', 'sources'] as const) {
        const file = await exportCsv(t.as('analyst'), resource);
        const res = await importCsv(t.as('editor'), resource, file.csv).expect(200);
        expect(res.body).toEqual({ created: 0, updated: file.rows.length, errors: [] });
      }
    });
  });

  describe('POST /api/<resource>/import', () => {
    it('writes parents before the children that come first in the file, and keeps paths and roles', async () => {
      const res = await t
        .as('editor')
        .post('/api/actors/import')
        .attach('file', Buffer.from(fixture('ok/actors-children-first.csv')), 'actors.csv')
        .expect(200);
      expect(res.body).toEqual({ created: 3, updated: 0, errors: [] });
      const [ministry] = (await t.as('analyst').get('/api/actors').query({ filter: '{"q":"Ministry of \\"Import\\""}' })).body;
      expect(ministry).toMatchObject({
        slug: 'import-ministry',
        name: 'Ministry of "Import", Tests',
        names: { ar: 'وزارة الاستيراد' },
        aliases: ['=HYPERLINK("x")', 'Imp, Min'],
        description: 'line one\r\nline two',
        depth: 1,
        parentName: 'Importland',
      });
      expect(ministry.path.map((p: { name: string }) => p.name)).toEqual(['Importland', 'Ministry of "Import", Tests']);
      const [person] = (await t.as('analyst').get('/api/actors').query({ filter: '{"q":"Doe, Jane"}' })).body;
      expect(person.roles).toMatchObject([{ actorId: ministry.id, title: 'Minister: of imports', from: '2020-01-01', to: null }]);
    });

    it('moves a subtree when a row changes its parent, paths of the descendants included', async () => {
      const csv = 'slug,kind,name,parentSlug\r\nimport-state,state,Importland,azerbaijan\r\n';
      expect((await importCsv(t.as('editor'), 'actors', csv).expect(200)).body).toEqual({ created: 0, updated: 1, errors: [] });
      const [ministry] = (await t.as('analyst').get('/api/actors').query({ filter: '{"q":"Ministry of \\"Import\\""}' })).body;
      expect(ministry.path.map((p: { name: string }) => p.name)).toEqual(['Azerbaijan', 'Importland', 'Ministry of "Import", Tests']);
      expect(ministry.depth).toBe(2);
    });

    it.each([
      ['actors', 'not-ok/actors-unknown-parent.csv', [{ row: 2, field: 'parentSlug', message: 'no actor has the slug no-such-actor' }]],
      ['actors', 'not-ok/actors-bad-kind.csv', [{ row: 2, field: 'kind', message: expect.stringContaining('kind must be one of') }]],
      ['actors', 'not-ok/actors-missing-name.csv', [{ row: 1, field: 'name', message: 'is required' }]],
      [
        'actors',
        'not-ok/actors-cycle.csv',
        [
          { row: 1, field: 'parentSlug', message: 'makes a cycle: cycle-a > cycle-b > cycle-a' },
          { row: 2, field: 'parentSlug', message: 'makes a cycle: cycle-b > cycle-a > cycle-b' },
        ],
      ],
    ] as const)('refuses %s %s with row and field, writing nothing', async (resource, file, errors) => {
      const before = { rows: await count(t, resource), audit: await count(t, 'audit') };
      const res = await importCsv(t.as('editor'), resource, fixture(file)).expect(400);
      expect(res.body).toMatchObject({ created: 0, updated: 0, errors });
      expect(res.body.errors).toHaveLength(errors.length);
      expect({ rows: await count(t, resource), audit: await count(t, 'audit') }).toEqual(before);
    });

    it('refuses bad topics and sources: a cycle through a stored topic, a missing title, an unknown column', async () => {
      const [topic] = (
        await t
          .as('analyst')
          .get('/api/topics')
          .query({ filter: JSON.stringify({ id: ids.topic }) })
      ).body;
      const parentSlug = (await t.as('analyst').get(`/api/topics/${ids.parentTopic}`)).body.slug;
      const before = { topics: await count(t, 'topics'), sources: await count(t, 'sources'), audit: await count(t, 'audit') };
      const cycle = `slug,name,parentSlug\r\nnew-topic,New,\r\n${parentSlug},Parent,${topic.slug}\r\n`;
      expect((await importCsv(t.as('editor'), 'topics', cycle).expect(400)).body.errors).toEqual([
        { row: 2, field: 'parentSlug', message: `makes a cycle: ${parentSlug} > export-topic > ${parentSlug}` },
      ]);
      const sources = 'id,title,lang\r\n,Fine,en\r\n,,ar\r\nnot-a-uuid,Title,xx-!\r\n';
      expect((await importCsv(t.as('editor'), 'sources', sources).expect(400)).body.errors).toEqual([
        { row: 2, field: 'title', message: 'is required' },
        { row: 3, field: 'id', message: 'must be a UUID' },
        { row: 3, field: 'lang', message: expect.stringContaining('language code') },
      ]);
      expect((await importCsv(t.as('editor'), 'topics', 'slug,name,colour\r\n').expect(400)).body.errors).toEqual([
        { row: 0, field: 'colour', message: 'unknown column' },
      ]);
      expect({ topics: await count(t, 'topics'), sources: await count(t, 'sources'), audit: await count(t, 'audit') }).toEqual(before);
    });

    it('needs the editor role and a CSV body', async () => {
      for (const resource of ['actors', 'topics', 'sources'] as const) {
        await importCsv(t.as('analyst'), resource, 'slug,name\r\n').expect(403);
        await t.as('editor').post(`/api/${resource}/import`).send({ csv: 'x' }).expect(415);
        await exportCsv(t.as('analyst'), resource);
      }
    });
  });
});
