import { createTestApp, TestApp } from '../utils/test-app';

/** Crafted near-duplicates: the same quote via another outlet, trimmed, with other hamza and diacritics, and translated. */
describe('similar statements', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const insert = async (key: string, text: string, lang: string, translations: Record<string, string> = {}, deleted = false) => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO statements (text, lang, translations, kind, actor_id, said_on, deleted_at)
       VALUES ($1, $2, $3, 'quote', (SELECT id FROM actors WHERE slug = 'turkey-presidency'), '2023-09-19', $4) RETURNING id`,
      [text, lang, JSON.stringify(translations), deleted ? new Date() : null],
    )) as { id: string }[];
    ids[key] = id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.dataSource.query(
      `INSERT INTO actors (slug, name, kind) VALUES ('turkey-presidency', 'Presidency of Turkey', 'government_body')`,
    );
    await insert('original', 'نحن ندعم الخطوات التي اتخذتها أذربيجان، للدفاع عن سلامة أراضيها', 'ar', {
      en: 'We support the steps taken by Azerbaijan to defend its territorial integrity',
    });
    await insert('otherOutlet', 'نحن ندعم الخطوات التي اتخذتها اذربيجان للدفاع عن سلامة اراضيها', 'ar');
    await insert('trimmed', 'نحن ندعم الخطوات التي اتخذتها أذربيجان', 'ar');
    await insert('diacritics', 'نَحْنُ نَدْعَمُ الخُطُوَاتِ الَّتِي اتَّخَذَتْهَا أَذْرَبِيجَانُ، لِلدِّفَاعِ عَنْ سَلَامَةِ أَرَاضِيهَا', 'ar');
    await insert('english', 'We support the steps Azerbaijan has taken to defend its territorial integrity', 'en');
    await insert('unrelated', 'أعلنت باكو سقوط أول مدني في العملية العسكرية', 'ar');
    await insert('deleted', 'نحن ندعم الخطوات التي اتخذتها أذربيجان، للدفاع عن سلامة أراضيها', 'ar', {}, true);
  });
  afterAll(() => t.close());

  const keysOf = (rows: { id: string }[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]);

  it('GET /api/statements/:id/similar ranks near-duplicates by score, leaving out itself, deleted and unrelated statements', async () => {
    const res = await t.as('analyst').get(`/api/statements/${ids.original}/similar`).expect(200);
    const rows = res.body as { id: string; score: number; matchedOn: string; actorName: string }[];
    expect(keysOf(rows).sort()).toEqual(['diacritics', 'english', 'otherOutlet', 'trimmed']);
    // punctuation, hamza and diacritics are folded away: both are the same wording
    expect(keysOf(rows.slice(0, 2)).sort()).toEqual(['diacritics', 'otherOutlet']);
    expect(rows.slice(0, 2).map((r) => r.score)).toEqual([1, 1]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].score).toBeLessThanOrEqual(rows[i - 1].score);
    expect(rows.find((r) => r.id === ids.english)).toMatchObject({ matchedOn: 'text' });
    expect(rows[0]).toMatchObject({ actorName: 'Presidency of Turkey', saidOn: '2023-09-19', status: 'draft', kind: 'quote' });
  });

  it('finds an Arabic statement from its English twin through the translation', async () => {
    const res = await t.as('analyst').get(`/api/statements/${ids.english}/similar`).expect(200);
    expect(res.body.find((r: { id: string }) => r.id === ids.original)).toMatchObject({ matchedOn: 'en' });
  });

  it('POST /api/statements/similar checks a wording before it is saved, and minScore narrows', async () => {
    const res = await t
      .as('editor')
      .post('/api/statements/similar')
      .send({ text: 'نحن ندعم الخطوات التى اتخذتها أذربيـجان', lang: 'ar', excludeId: ids.trimmed })
      .expect(200);
    expect(keysOf(res.body)).toEqual(expect.arrayContaining(['original', 'otherOutlet', 'diacritics']));
    expect(keysOf(res.body)).not.toContain('trimmed');
    const strict = await t
      .as('editor')
      .post('/api/statements/similar')
      .send({ text: 'نحن ندعم الخطوات التي اتخذتها أذربيجان', minScore: 0.99 })
      .expect(200);
    expect(keysOf(strict.body)).toEqual(['trimmed']);
  });

  it('can use the trigram index (on a table this small the planner prefers a scan, so the others are set aside)', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL enable_seqscan = off`);
      const others = (await runner.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'statements' AND indexname <> 'statements_text_trgm_idx' AND indexdef LIKE '%deleted_at IS NULL%'`,
      )) as { indexname: string }[];
      for (const { indexname } of others) await runner.query(`DROP INDEX ${indexname}`);
      const plan = (await runner.query(
        `EXPLAIN SELECT id FROM statements WHERE deleted_at IS NULL AND stance_normalize(text) % stance_normalize('نحن ندعم الخطوات')`,
      )) as { 'QUERY PLAN': string }[];
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('Bitmap Index Scan on statements_text_trgm_idx');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('answers 404 for a missing statement and 400 for a malformed id or option', async () => {
    await t.as('analyst').get('/api/statements/00000000-0000-4000-8000-000000000000/similar').expect(404);
    await t.as('analyst').get('/api/statements/nope/similar').expect(400);
    await t.as('analyst').get(`/api/statements/${ids.original}/similar?minScore=5`).expect(400);
    await t.http.get(`/api/statements/${ids.original}/similar`).expect(401);
  });
});
