import { STATEMENT_FILTER_SCHEMA, STATEMENT_SORT } from '../../apps/api/src/statements/statement-filter';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * SQL injection through every statement filter key, every sort field and direction, the range and
 * the search: each answers 200 without rows it should not have, or 400; never 500, and the
 * tables are intact afterwards. The seeded statements contain none of these payloads.
 */
const PAYLOADS = [
  `'; DROP TABLE statements; --`,
  `1) OR 1=1 --`,
  `' OR '1'='1`,
  `$$`,
  `$1`,
  `\\`,
  `%`,
  `_`,
  `"; SELECT pg_sleep(5); --`,
  `00000000-0000-0000-0000-000000000000' OR 'x'='x`,
  `2020-01-01' OR '1'='1`,
  `{"min": "0) OR (1=1"}`,
];

describe('SQL injection in filters, sort, range and q', () => {
  let t: TestApp;
  let total: number;
  const tables = async () =>
    (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM actors)::int AS actors,
              (SELECT count(*) FROM stances)::int AS stances, (SELECT count(*) FROM users)::int AS users`,
    )) as Record<string, number>[];
  let before: Record<string, number>[];

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    before = await tables();
    total = before[0].statements;
    expect(total).toBeGreaterThan(10);
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string>) => t.as('analyst').get('/api/statements').query(query);

  /** 200 and no rows (nothing holds the payload), or 400; else a line saying what answered what. */
  const unexpected = (response: { status: number; body: unknown }, what: string): string[] => {
    if (response.status === 400) return [];
    if (response.status === 200 && Array.isArray(response.body) && response.body.length === 0) return [];
    return [`${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`];
  };

  it.each(Object.keys(STATEMENT_FILTER_SCHEMA))('filter.%s', async (key) => {
    const problems: string[] = [];
    for (const payload of PAYLOADS) {
      for (const value of [payload, [payload], { min: payload, max: payload }]) {
        const response = await list({ filter: JSON.stringify({ [key]: value }) });
        problems.push(...unexpected(response, `${key}=${JSON.stringify(value)}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(STATEMENT_SORT))('sort on %s: an injected direction is a 400', async (field) => {
    for (const payload of PAYLOADS) {
      const response = await list({ sort: JSON.stringify([field, payload]) });
      expect([payload, response.status]).toEqual([payload, 400]);
    }
    await list({ sort: JSON.stringify([field, 'ASC']) }).expect(200);
  });

  it('an injected sort field or range is a 400', async () => {
    for (const payload of PAYLOADS) {
      expect((await list({ sort: JSON.stringify([payload, 'ASC']) })).status).toBe(400);
      expect((await list({ sort: JSON.stringify([`saidOn ${payload}`, 'ASC']) })).status).toBe(400);
      expect((await list({ range: JSON.stringify([0, payload]) })).status).toBe(400);
      expect((await list({ range: `[0, 9${payload}]` })).status).toBe(400);
    }
  });

  it('the export and positions refuse or filter the same way', async () => {
    const problems: string[] = [];
    for (const payload of PAYLOADS.slice(0, 4)) {
      for (const key of ['q', 'actorId', 'lang', 'saidFrom', 'stance']) {
        const filter = JSON.stringify({ [key]: payload });
        const csv = await t.as('analyst').get('/api/statements/export.csv').query({ filter, bom: 'false' });
        // 200 with the header row alone, or 400
        const lines = csv.status === 200 ? csv.text.trim().split('\n').length : 0;
        if (!(csv.status === 400 || lines === 1)) problems.push(`export ${filter} → ${csv.status}, ${lines} lines`);
        problems.push(...unexpected(await t.as('analyst').get('/api/positions').query({ filter }), `positions ${filter}`));
      }
      const sorted = await t
        .as('analyst')
        .get('/api/statements/export.csv')
        .query({ sort: JSON.stringify([payload, 'ASC']) });
      expect(sorted.status).toBe(400);
    }
    expect(problems).toEqual([]);
  });

  it('the tables are intact afterwards', async () => {
    expect(await tables()).toEqual(before);
    const listed = await list({ range: '[0,999]' }).expect(200);
    expect(listed.body.length).toBeGreaterThan(0);
  });
});
