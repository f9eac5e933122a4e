import { createTestApp, TestApp } from '../utils/test-app';

const ROWS = Number(process.env.STANCE_IMPORT_ROWS ?? 100_000);
const ACTORS = ['armenia', 'azerbaijan', 'turkey', 'russia', 'united-nations'];
const TOPICS = ['ceasefire', 'peace-negotiations', 'military-operation-2023'];

/** A generated file of 100,000 statements, streamed through the parser and written in batches. */
describe('importing a large file', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
  });
  afterAll(() => t.close());

  it(`creates ${ROWS.toLocaleString('en')} statements in one transaction`, async () => {
    const lines = ['id,saidOn,actorSlug,kind,lang,text,topicSlugs,tagSlugs,stances,status'];
    for (let i = 0; i < ROWS; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 12) + 1).padStart(2, '0');
      const actor = ACTORS[i % ACTORS.length];
      const target = ACTORS[(i + 1) % ACTORS.length];
      lines.push(
        `,2023-${month}-${day},${actor},paraphrase,en,"Generated statement ${i}, ""quoted""",${TOPICS[i % TOPICS.length]},,actor:${target}:${(i % 5) - 2},draft`,
      );
    }
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM statements`))[0].n);
    const res = await t.as('editor').post('/api/statements/import').set('Content-Type', 'text/csv').send(lines.join('\n')).expect(200);
    expect(res.body).toEqual({ created: ROWS, updated: 0, errors: [] });
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM stances)::int AS stances,
              (SELECT count(*) FROM audit WHERE entity_type = 'statements' AND action = 'create')::int AS audit`,
    );
    expect(counts.statements).toBe(before + ROWS);
    expect(counts.audit).toBeGreaterThanOrEqual(ROWS);
    // the position aggregates, refreshed per batch, agree with a rebuild from scratch
    const totals = async () =>
      (await t.dataSource.query(`SELECT * FROM position_totals ORDER BY actor_id, target_type, target_id`)) as unknown[];
    const incremental = await totals();
    await t.dataSource.query(`SELECT stance_positions_rebuild()`);
    expect(await totals()).toEqual(incremental);
  }, 600_000);
});
