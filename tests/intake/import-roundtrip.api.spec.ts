import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from '../utils/test-app';
import { textBody } from '../utils/text-body';

/** Columns that describe the database rather than the statement: they may differ after a round trip. */
const VOLATILE = new Set(['createdAt', 'updatedAt', 'version', 'relatedIds']);

describe('export → import round trip', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  const exported = async () => {
    const res = await t.as('analyst').get('/api/statements/export.csv').buffer(true).parse(textBody);
    expect(res.status).toBe(200);
    const rows = parse(res.body as string, { bom: true }) as string[][];
    const keep = rows[0].map((column) => !VOLATILE.has(column));
    return { csv: res.body as string, rows: rows.map((r) => r.filter((_, i) => keep[i])) };
  };

  it('reproduces the seed statements, their stances, topics, tags, sources and events', async () => {
    const before = await exported();
    expect(before.rows.length).toBe(29);
    await t.dataSource.query(`DELETE FROM relations`);
    await t.dataSource.query(`DELETE FROM statements`);
    await t.dataSource.query(`DELETE FROM sources`);
    await t.dataSource.query(`DELETE FROM events`);

    const res = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(before.csv).expect(200);
    expect(res.body).toEqual({ created: 28, updated: 0, errors: [] });
    expect((await exported()).rows).toEqual(before.rows);

    const again = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(before.csv).expect(200);
    expect(again.body).toEqual({ created: 0, updated: 28, errors: [] });
  });
});
