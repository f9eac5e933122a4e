import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Positions on crafted data, where every number is known:
 *
 *   az (state) ─ az-mod ─ az-mod-press        am (state) ─ am-mfa
 *
 *   #1 az-mod        2023-09-19  am -2, ceasefire +1
 *   #2 az-mod-press  2023-09-20  am -1
 *   #3 az            2023-08-01  am  0, ceasefire +2
 *   #4 az-mod        2023-09-19  am +1              (same day as #1, created later)
 *   #5 am-mfa        2023-09-21  az -2, ceasefire -1
 *   #6 az-mod        2023-10-05  am -2              (draft)
 *   #7 az-mod        2023-09-25  am +2              (soft-deleted: never counts)
 */
describe('GET /api/positions', () => {
  let t: TestApp;
  const id: Record<string, string> = {};

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.dataSource.query(text, params) as Promise<T[]>;
  const actor = async (slug: string, parent: string | null = null) => {
    [{ id: id[slug] }] = await sql<{ id: string }>(
      `INSERT INTO actors (slug, name, kind, parent_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [slug, `Name of ${slug}`, parent ? 'government_body' : 'state', parent ? id[parent] : null],
    );
  };
  const statement = async (
    key: string,
    actorSlug: string,
    saidOn: string,
    stances: [string, number][],
    extra: { status?: string; createdAt?: string; deleted?: boolean } = {},
  ) => {
    [{ id: id[key] }] = await sql<{ id: string }>(
      `INSERT INTO statements (text, lang, kind, actor_id, said_on, status, created_at, deleted_at)
       VALUES ($1, 'en', 'quote', $2, $3, $4, $5, CASE WHEN $6 THEN now() END) RETURNING id`,
      [
        `statement ${key}`,
        id[actorSlug],
        saidOn,
        extra.status ?? 'published',
        extra.createdAt ?? '2023-11-01T10:00:00Z',
        extra.deleted ?? false,
      ],
    );
    for (const [target, value] of stances) {
      const column = target === 'ceasefire' || target === 'corridor' ? 'target_topic_id' : 'target_actor_id';
      await sql(`INSERT INTO stances (statement_id, ${column}, value) VALUES ($1, $2, $3)`, [id[key], id[target], value]);
    }
  };

  const positions = async (filter: Record<string, unknown> = {}, extra: Record<string, string> = {}) => {
    const response = await t
      .as('analyst')
      .get('/api/positions')
      .query({ filter: JSON.stringify(filter), ...extra })
      .expect(200);
    return response.body as Record<string, unknown>[];
  };
  /** `actor→target` (plus `@month`) → [count, mean, min, max, latestValue, latestSaidOn] */
  const table = (rows: Record<string, unknown>[]) =>
    Object.fromEntries(
      rows.map((r) => [
        `${slugOf(r.actorId as string)}→${slugOf(r.targetId as string)}${r.month ? `@${r.month as string}` : ''}`,
        [r.count, r.mean, r.min, r.max, r.latestValue, r.latestSaidOn],
      ]),
    );
  const slugOf = (uuid: string) => Object.keys(id).find((key) => id[key] === uuid) ?? uuid;

  beforeAll(async () => {
    t = await createTestApp();
    await actor('az');
    await actor('az-mod', 'az');
    await actor('az-mod-press', 'az-mod');
    await actor('am');
    await actor('am-mfa', 'am');
    for (const slug of ['ceasefire', 'corridor']) {
      [{ id: id[slug] }] = await sql<{ id: string }>(`INSERT INTO topics (slug, name) VALUES ($1, $2) RETURNING id`, [
        slug,
        `Topic ${slug}`,
      ]);
    }
    await statement(
      's1',
      'az-mod',
      '2023-09-19',
      [
        ['am', -2],
        ['ceasefire', 1],
      ],
      { createdAt: '2023-09-19T08:00:00Z' },
    );
    await statement('s2', 'az-mod-press', '2023-09-20', [['am', -1]]);
    await statement('s3', 'az', '2023-08-01', [
      ['am', 0],
      ['ceasefire', 2],
    ]);
    await statement('s4', 'az-mod', '2023-09-19', [['am', 1]], { createdAt: '2023-09-19T09:00:00Z' });
    await statement('s5', 'am-mfa', '2023-09-21', [
      ['az', -2],
      ['ceasefire', -1],
    ]);
    await statement('s6', 'az-mod', '2023-10-05', [['am', -2]], { status: 'draft' });
    await statement('s7', 'az-mod', '2023-09-25', [['am', 2]], { deleted: true });
  });
  afterAll(() => t.close());

  it('gives count, mean, min, max and the latest value per actor and target, without soft-deleted statements', async () => {
    const rows = await positions();
    expect(table(rows)).toEqual({
      'az→am': [1, 0, 0, 0, 0, '2023-08-01'],
      'az→ceasefire': [1, 2, 2, 2, 2, '2023-08-01'],
      'am-mfa→az': [1, -2, -2, -2, -2, '2023-09-21'],
      'am-mfa→ceasefire': [1, -1, -1, -1, -1, '2023-09-21'],
      'az-mod→am': [3, -1, -2, 1, -2, '2023-10-05'],
      'az-mod→ceasefire': [1, 1, 1, 1, 1, '2023-09-19'],
      'az-mod-press→am': [1, -1, -1, -1, -1, '2023-09-20'],
    });
    const row = rows.find((r) => r.actorId === id['az-mod'] && r.targetId === id.am)!;
    expect(row).toEqual({
      id: `${id['az-mod']}:actor:${id.am}`,
      actorId: id['az-mod'],
      actorName: 'Name of az-mod',
      actorSlug: 'az-mod',
      targetType: 'actor',
      targetId: id.am,
      targetName: 'Name of am',
      targetSlug: 'am',
      count: 3,
      mean: -1,
      min: -2,
      max: 1,
      latestValue: -2,
      latestSaidOn: '2023-10-05',
    });
    expect(rows.find((r) => r.targetId === id.ceasefire)).toMatchObject({ targetType: 'topic', targetName: 'Topic ceasefire' });
  });

  it('counts drafts unless status narrows, and breaks a tie of dates by the later-created statement', async () => {
    expect(table(await positions({ status: 'published', actorId: id['az-mod'] }))['az-mod→am']).toEqual([2, -0.5, -2, 1, 1, '2023-09-19']);
    expect(table(await positions({ status: 'draft' }))).toEqual({ 'az-mod→am': [1, -2, -2, -2, -2, '2023-10-05'] });
  });

  it('filters an actor with its subtree, one row per actor without rollup', async () => {
    expect(Object.keys(table(await positions({ actorId: id['az-mod'] }))).sort()).toEqual([
      'az-mod-press→am',
      'az-mod→am',
      'az-mod→ceasefire',
    ]);
  });

  it('rolls descendants up into the requested actors, each over its own subtree', async () => {
    expect(table(await positions({ actorId: id.az, rollup: true }))).toEqual({
      'az→am': [5, -0.8, -2, 1, -2, '2023-10-05'],
      'az→ceasefire': [2, 1.5, 1, 2, 1, '2023-09-19'],
    });
    const both = table(await positions({ actorId: [id.az, id['az-mod']], rollup: true }));
    expect(both['az→am']).toEqual([5, -0.8, -2, 1, -2, '2023-10-05']);
    expect(both['az-mod→am']).toEqual([4, -1, -2, 1, -2, '2023-10-05']);
  });

  it('rolls up into top-level actors when no actor is requested', async () => {
    expect(table(await positions({ rollup: true }))).toEqual({
      'am→az': [1, -2, -2, -2, -2, '2023-09-21'],
      'am→ceasefire': [1, -1, -1, -1, -1, '2023-09-21'],
      'az→am': [5, -0.8, -2, 1, -2, '2023-10-05'],
      'az→ceasefire': [2, 1.5, 1, 2, 1, '2023-09-19'],
    });
  });

  it('gives one row per month with groupBy=month', async () => {
    const rows = await positions({ actorId: id.az, rollup: true, groupBy: 'month' });
    expect(table(rows)).toEqual({
      'az→am@2023-08': [1, 0, 0, 0, 0, '2023-08-01'],
      'az→am@2023-09': [3, -0.67, -2, 1, -1, '2023-09-20'],
      'az→am@2023-10': [1, -2, -2, -2, -2, '2023-10-05'],
      'az→ceasefire@2023-08': [1, 2, 2, 2, 2, '2023-08-01'],
      'az→ceasefire@2023-09': [1, 1, 1, 1, 1, '2023-09-19'],
    });
    expect(rows[0].id).toBe(`${id.az}:actor:${id.am}:2023-08`);
  });

  it('moves the numbers with the date range, whole months and partial ones alike', async () => {
    const az = { actorId: id.az, rollup: true };
    expect(table(await positions({ ...az, saidFrom: '2023-09-01', saidTo: '2023-09-30' }))['az→am']).toEqual([
      3,
      -0.67,
      -2,
      1,
      -1,
      '2023-09-20',
    ]);
    expect(table(await positions({ ...az, saidFrom: '2023-09-20' }))['az→am']).toEqual([2, -1.5, -2, -1, -2, '2023-10-05']);
    expect(table(await positions({ ...az, saidTo: '2023-09-19' }))['az→am']).toEqual([3, -0.33, -2, 1, 1, '2023-09-19']);
    expect(table(await positions({ ...az, saidFrom: '2023-09-19', saidTo: '2023-09-19' }))).toEqual({
      'az→am': [2, -0.5, -2, 1, 1, '2023-09-19'],
      'az→ceasefire': [1, 1, 1, 1, 1, '2023-09-19'],
    });
    expect(await positions({ ...az, saidFrom: '2024-01-01' })).toEqual([]);
  });

  it('counts only the stances toward the chosen targets, and with a stance filter only those values', async () => {
    expect(Object.keys(table(await positions({ targetType: 'topic' }))).sort()).toEqual([
      'am-mfa→ceasefire',
      'az-mod→ceasefire',
      'az→ceasefire',
    ]);
    expect(Object.keys(table(await positions({ targetActorId: id.az })))).toEqual(['am-mfa→az']);
    expect(Object.keys(table(await positions({ targetTopicId: id.ceasefire, actorId: id.am })))).toEqual(['am-mfa→ceasefire']);
    expect(table(await positions({ stance: -2 }))).toEqual({
      'am-mfa→az': [1, -2, -2, -2, -2, '2023-09-21'],
      'az-mod→am': [2, -2, -2, -2, -2, '2023-10-05'],
    });
  });

  it('gives the same numbers from the monthly aggregate and from the statements', async () => {
    // `kind` covering every statement cannot be answered from the aggregate, so it reads statements.
    const live = { kind: ['quote', 'paraphrase'] };
    for (const filter of [
      {},
      { rollup: true },
      { actorId: id.az, rollup: true, groupBy: 'month' },
      { saidFrom: '2023-09-20', saidTo: '2023-10-04' },
      { saidFrom: '2023-08-15', status: 'published', rollup: true },
      { targetType: 'actor', saidTo: '2023-09-30' },
      { saidFrom: '2023-09-20', groupBy: 'month', status: ['draft', 'published'] },
      { targetActorId: id.am, saidTo: '2023-10-04', rollup: true },
    ]) {
      expect(await positions({ ...filter, ...live })).toEqual(await positions(filter));
    }
  });

  it('takes the statement filters that only the statements can answer', async () => {
    expect(Object.keys(table(await positions({ q: 'statement s5' })))).toEqual(expect.arrayContaining(['am-mfa→az']));
    expect(await positions({ lang: 'ar' })).toEqual([]);
  });

  it("lists exactly a cell's count with the cell's filter: this actor only without rollup, this target only", async () => {
    // A stance toward a sub-actor of a target, so that "Armenia" as a target and its subtree differ.
    await statement('s8', 'az', '2023-09-22', [['am-mfa', -1]]);
    try {
      for (const [rollup, extra] of [
        [false, {}],
        [true, {}],
        [false, { status: 'published', saidFrom: '2023-09-01', saidTo: '2023-09-30' }],
        [true, { status: 'published' }],
      ] as const) {
        const rows = await positions({ ...extra, ...(rollup ? { rollup } : {}) });
        expect(rows.length).toBeGreaterThan(3);
        for (const row of rows) {
          const filter = {
            ...extra,
            actorId: row.actorId,
            ...(rollup ? {} : { actorOnly: true }),
            ...(row.targetType === 'actor' ? { targetActorId: row.targetId, targetOnly: true } : { targetTopicId: row.targetId }),
          };
          const list = await t
            .as('analyst')
            .get('/api/statements')
            .query({ filter: JSON.stringify(filter) })
            .expect(200);
          expect([`${slugOf(row.actorId as string)}→${slugOf(row.targetId as string)}`, list.body.length]).toEqual([
            `${slugOf(row.actorId as string)}→${slugOf(row.targetId as string)}`,
            row.count,
          ]);
        }
      }
    } finally {
      await sql(`DELETE FROM stances WHERE statement_id = $1`, [id.s8]);
      await sql(`DELETE FROM statements WHERE id = $1`, [id.s8]);
    }
  });

  it('sorts and pages like every list, with Content-Range', async () => {
    const response = await t
      .as('analyst')
      .get('/api/positions')
      .query({ sort: JSON.stringify(['count', 'DESC']), range: JSON.stringify([0, 1]) })
      .expect(200);
    expect(response.headers['content-range']).toBe('positions 0-1/7');
    expect(response.body.map((r: { count: number }) => r.count)).toEqual([3, 1]);
    const empty = await t
      .as('analyst')
      .get('/api/positions')
      .query({ range: JSON.stringify([20, 29]) })
      .expect(200);
    expect(empty.headers['content-range']).toBe('positions */7');
    const byMean = await positions({}, { sort: JSON.stringify(['mean', 'ASC']) });
    expect(byMean.map((r) => r.mean)).toEqual([-2, -1, -1, -1, 0, 1, 2]);
  });

  it('answers 400 to what it cannot read and 401 without a token', async () => {
    await t.as('analyst').get('/api/positions').query({ sort: '["nope","ASC"]' }).expect(400);
    await t.as('analyst').get('/api/positions').query({ filter: '{"nope":1}' }).expect(400);
    await t.as('analyst').get('/api/positions').query({ filter: '{"groupBy":"year"}' }).expect(400);
    await t.as('analyst').get('/api/positions').query({ filter: '{not json' }).expect(400);
    await t.http.get('/api/positions').expect(401);
  });

  describe('the monthly aggregate, kept by triggers', () => {
    /** Per status: count, sum, min, max and latest key of the live stances, grouped by `keys`. */
    const recompute = (byMonth: boolean) =>
      sql(`
        SELECT s.actor_id, CASE WHEN st.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END AS target_type,
               coalesce(st.target_actor_id, st.target_topic_id) AS target_id ${byMonth ? `, date_trunc('month', s.said_on)::date AS month` : ''},
               ${['published', 'draft']
                 .map(
                   (status) => `count(*) FILTER (WHERE s.status = '${status}')::int AS ${status}_n,
                     coalesce(sum(st.value) FILTER (WHERE s.status = '${status}'), 0)::int AS ${status}_total,
                     (min(st.value) FILTER (WHERE s.status = '${status}'))::int AS ${status}_min,
                     (max(st.value) FILTER (WHERE s.status = '${status}'))::int AS ${status}_max,
                     max(stance_position_key(s.said_on, s.created_at, s.id, st.value) COLLATE "C") FILTER (WHERE s.status = '${status}') AS ${status}_latest`,
                 )
                 .join(', ')}
          FROM statements s JOIN stances st ON st.statement_id = s.id
         WHERE s.deleted_at IS NULL
         GROUP BY ${keys(byMonth)} ORDER BY ${keys(byMonth)}`);
    const keys = (byMonth: boolean) => (byMonth ? '1, 2, 3, 4' : '1, 2, 3');
    const stored = (table: string, byMonth: boolean) =>
      sql(`SELECT actor_id, target_type, target_id ${byMonth ? ', month' : ''},
                  ${['published', 'draft'].map((s) => `${s}_n, ${s}_total, ${s}_min::int, ${s}_max::int, ${s}_latest`).join(', ')}
             FROM ${table} ORDER BY ${keys(byMonth)}`);
    const facts = (from: string) =>
      sql(`SELECT ${from === 'position_facts' ? 'f.stance_id, f.id' : 'st.id AS stance_id, s.id'},
                  ${from === 'position_facts' ? 'f' : 's'}.actor_id, said_on, created_at, status, lang, kind, speaker_id, source_id, event_id,
                  deleted_at, target_actor_id, target_topic_id, value
             FROM ${from === 'position_facts' ? 'position_facts f' : 'stances st JOIN statements s ON s.id = st.statement_id'} ORDER BY 1`);
    const consistent = async () => {
      expect(await stored('position_months', true)).toEqual(await recompute(true));
      expect(await stored('position_totals', false)).toEqual(await recompute(false));
      expect(await facts('position_facts')).toEqual(await facts('stances'));
    };

    it('matches a recomputation after every kind of write', async () => {
      await consistent();
      await statement('w1', 'am-mfa', '2023-11-30', [
        ['az', 1],
        ['corridor', -1],
      ]);
      await consistent();
      await sql(`UPDATE stances SET value = -2 WHERE statement_id = $1 AND target_actor_id IS NOT NULL`, [id.w1]);
      await consistent();
      await sql(`UPDATE stances SET target_topic_id = $2 WHERE statement_id = $1 AND target_topic_id IS NOT NULL`, [id.w1, id.ceasefire]);
      await consistent();
      await sql(`UPDATE statements SET said_on = '2023-12-01' WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET actor_id = $2 WHERE id = $1`, [id.w1, id['az-mod-press']]);
      await consistent();
      await sql(`UPDATE statements SET status = 'draft' WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET deleted_at = now() WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET deleted_at = NULL WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET text = 'edited', version = version + 1 WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`DELETE FROM stances WHERE statement_id = $1 AND target_topic_id IS NOT NULL`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET said_on = said_on + 40 WHERE actor_id = ANY($1)`, [[id['az-mod'], id['az-mod-press']]]);
      await consistent();
      await sql(`DELETE FROM statements WHERE id = $1`, [id.w1]);
      await consistent();
      await sql(`UPDATE statements SET said_on = said_on - 40 WHERE actor_id = ANY($1)`, [[id['az-mod'], id['az-mod-press']]]);
      await consistent();
    });

    it('folds an actor into its new parent when it moves, without touching the aggregate', async () => {
      await sql(`UPDATE actors SET parent_id = $1 WHERE id = $2`, [id.am, id['az-mod-press']]);
      try {
        expect(table(await positions({ rollup: true }))['am→am']).toEqual([1, -1, -1, -1, -1, '2023-09-20']);
        expect(table(await positions({ actorId: id.az, rollup: true }))['az→am']).toEqual([4, -0.75, -2, 1, -2, '2023-10-05']);
      } finally {
        await sql(`UPDATE actors SET parent_id = $1 WHERE id = $2`, [id['az-mod'], id['az-mod-press']]);
      }
      await consistent();
    });

    it('keeps a fact row per stance for the filters the aggregates do not hold, rebuilt by stance_position_facts_rebuild()', async () => {
      await consistent();
      await sql(`DELETE FROM position_facts`);
      await sql(`SELECT stance_position_facts_rebuild()`);
      await consistent();
    });

    it('is rebuilt from scratch by stance_positions_rebuild()', async () => {
      await sql(`DELETE FROM position_months`);
      await sql(`DELETE FROM position_totals`);
      await sql(`SELECT stance_positions_rebuild()`);
      await consistent();
    });
  });
});
