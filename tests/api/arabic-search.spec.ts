import { createTestApp, TestApp } from '../utils/test-app';

/** Issue 14: every form an editor types finds the statement; highlights; names across scripts; duplicates across languages. */
describe('Arabic-first search', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const actors: Record<string, string> = {};

  const actor = async (
    key: string,
    slug: string,
    name: string,
    kind: string,
    extra: { names?: object; aliases?: string[]; parent?: string } = {},
  ) => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO actors (slug, name, kind, names, aliases, parent_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [slug, name, kind, JSON.stringify(extra.names ?? {}), extra.aliases ?? [], extra.parent ? actors[extra.parent] : null],
    )) as { id: string }[];
    actors[key] = id;
  };
  const statement = async (
    key: string,
    text: string,
    lang: string,
    on: string,
    translations: Record<string, string> = {},
    speaker?: string,
  ) => {
    const [{ id }] = (await t.dataSource.query(
      `INSERT INTO statements (text, lang, translations, kind, actor_id, speaker_id, said_on) VALUES ($1, $2, $3, 'quote', $4, $5, $6) RETURNING id`,
      [
        text,
        lang,
        JSON.stringify(translations),
        on === 'az' ? actors.azerbaijan : actors.presidency,
        speaker ? actors[speaker] : null,
        '2023-09-19',
      ],
    )) as { id: string }[];
    ids[key] = id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await actor('azerbaijan', 'azerbaijan', 'Azerbaijan', 'state', { names: { ar: 'أذربيجان' }, aliases: ['Baku', 'باكو'] });
    await actor('turkey', 'turkey', 'Turkey', 'state', { names: { ar: 'تركيا' }, aliases: ['Ankara', 'أنقرة'] });
    await actor('presidency', 'turkey-presidency', 'Presidency of Turkey', 'government_body', {
      names: { ar: 'الرئاسة التركية' },
      parent: 'turkey',
    });
    await actor('erdogan', 'recep-tayyip-erdogan', 'Recep Tayyip Erdoğan', 'person', {
      names: { ar: 'رجب طيب أردوغان' },
      aliases: ['Erdogan'],
    });
    await t.dataSource.query(`INSERT INTO actor_roles (person_id, actor_id, title) VALUES ($1, $2, 'President')`, [
      actors.erdogan,
      actors.presidency,
    ]);
    await statement('talks', 'نؤيد المفاوضات بين الطرفين ونرفض استهداف المدنيين في الممرات', 'ar', 'az', {
      en: 'We support the negotiations and reject <script>alert(1)</script> targeting civilians',
    });
    await statement('bare', 'لا مفاوضات قبل فتح ممرات آمنة للمدنيين', 'ar', 'az');
    await statement('military', 'أعلنت وزارة الدفاع الأذربيجانية انتهاء العملية العسكرية', 'ar', 'az');
    await statement('erdogan', 'نحن ندعم الخطوات التي اتخذتها أذربيجان للدفاع عن سلامة أراضيها', 'ar', 'tr', {}, 'erdogan');
    await statement('lebanon', 'زار الوفد لبنان والبلاد المجاورة', 'ar', 'az');
    await statement('milk', 'ارتفع سعر اللبن في الأسواق', 'ar', 'az');
  });
  afterAll(() => t.close());

  const search = async (filter: object, path = '/api/statements') =>
    (
      await t
        .as('analyst')
        .get(path)
        .query({ filter: JSON.stringify(filter) })
        .expect(200)
    ).body as {
      id: string;
      highlight?: { text: string; translations: Record<string, string> };
    }[];
  const keys = (rows: { id: string }[]) => rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]).sort();

  it.each([
    ['without the article', 'مفاوضات', ['bare', 'talks']],
    ['with the article', 'المفاوضات', ['bare', 'talks']],
    ['with و and the article', 'والمفاوضات', ['bare', 'talks']],
    ['with بال', 'بالمفاوضات', ['bare', 'talks']],
    ['with لل', 'للمدنيين', ['bare', 'talks']],
    ['ين ↔ ون', 'مدنيون', ['bare', 'talks']],
    ['the article added', 'الممرات', ['bare', 'talks']],
    ['ية ↔ ي', 'الأذربيجاني', ['erdogan', 'military']],
    ['with و', 'وأذربيجان', ['erdogan', 'military']],
    ['ة ↔ ات', 'عمليات عسكرية', ['military']],
  ])('statements q %s (%s) finds every form', async (_, q, expected) => {
    expect(keys(await search({ q }))).toEqual(expected);
  });

  it('does not fold a name into another word (لبنان is not لبن)', async () => {
    expect(keys(await search({ q: 'لبنان' }))).toEqual(['lebanon']);
    expect(keys(await search({ q: 'اللبن' }))).toEqual(['milk']);
  });

  it('ranks the exact form first', async () => {
    expect(keys((await search({ q: 'مفاوضات' })).slice(0, 1))).toEqual(['bare']);
    expect(keys((await search({ q: 'المفاوضات' })).slice(0, 1))).toEqual(['talks']);
  });

  it('positions and exports take the same forms', async () => {
    await t.dataSource.query(`INSERT INTO stances (statement_id, target_actor_id, value) VALUES ($1, $2, 2)`, [
      ids.erdogan,
      actors.azerbaijan,
    ]);
    const positions = await search({ q: 'وأذربيجان' }, '/api/positions');
    expect(positions).toEqual([expect.objectContaining({ actorId: actors.presidency, targetId: actors.azerbaijan, count: 1 })]);
    const csv = await t
      .as('analyst')
      .get('/api/statements/export.csv')
      .query({ filter: JSON.stringify({ q: 'بالمفاوضات' }) })
      .expect(200);
    expect(csv.text).toContain(ids.talks);
    expect(csv.text).toContain(ids.bare);
    expect(csv.text).not.toContain(ids.military);
  });

  it('actors, topics, events, sources and tags find names in other forms', async () => {
    await t.dataSource.query(`INSERT INTO topics (slug, name, names) VALUES ('talks', 'Negotiations', '{"ar":"المفاوضات"}')`);
    await t.dataSource.query(`INSERT INTO events (name, names) VALUES ('Azerbaijani offensive', '{"ar":"العملية العسكرية الأذربيجانية"}')`);
    await t.dataSource.query(`INSERT INTO sources (title, outlet, lang) VALUES ('بيانات وزارة الدفاع', 'الجزيرة', 'ar')`);
    await t.dataSource.query(`INSERT INTO tags (slug, name) VALUES ('corridors', 'الممرات')`);
    const names = async (path: string, q: string) =>
      ((await search({ q }, path)) as unknown as { name?: string; title?: string }[]).map((r) => r.name ?? r.title);
    expect(await names('/api/actors', 'وأذربيجان')).toEqual(['Azerbaijan']);
    expect(await names('/api/actors', 'الأذربيجانية')).toEqual(['Azerbaijan']);
    expect(await names('/api/topics', 'مفاوضات')).toEqual(['Negotiations']);
    expect(await names('/api/events', 'عمليات')).toEqual(['Azerbaijani offensive']);
    expect(await names('/api/sources', 'والوزارة')).toEqual(['بيانات وزارة الدفاع']);
    expect(await names('/api/tags', 'ممرات')).toEqual(['الممرات']);
  });

  it('marks the matched words in the list and on the statement page, HTML-escaped', async () => {
    const rows = await search({ q: 'مفاوضات civilians', highlight: true });
    const talks = rows.find((r) => r.id === ids.talks)!;
    expect(talks.highlight!.text).toBe('نؤيد <mark>المفاوضات</mark> بين الطرفين ونرفض استهداف المدنيين في الممرات');
    expect(keys(rows)).toEqual(['talks']);
    const english = (await search({ q: 'civilians', highlight: true })).find((r) => r.id === ids.talks)!;
    expect(english.highlight!.translations.en).toBe(
      'We support the negotiations and reject &lt;script&gt;alert(1)&lt;/script&gt; targeting <mark>civilians</mark>',
    );
    expect(english.highlight!.text).not.toContain('<mark>');
    const one = await t.as('analyst').get(`/api/statements/${ids.bare}`).query({ q: 'والممرات' }).expect(200);
    expect(one.body.highlight).toEqual({ text: 'لا مفاوضات قبل فتح <mark>ممرات</mark> آمنة للمدنيين', translations: {} });
    const plain = await t.as('analyst').get(`/api/statements/${ids.bare}`).expect(200);
    expect(plain.body.highlight).toBeUndefined();
    expect((await search({ highlight: true })).every((r) => r.highlight === undefined)).toBe(true);
    expect((await search({ q: 'civilians' })).every((r) => r.highlight === undefined)).toBe(true);
  });

  it('mention finds what a person or body said, by any of its names in any script', async () => {
    expect(keys(await search({ mention: 'Erdogan' }))).toEqual(['erdogan']);
    expect(keys(await search({ mention: 'أردوغان' }))).toEqual(['erdogan']);
    expect(keys(await search({ mention: 'أنقرة' }))).toEqual(['erdogan']);
    expect(keys(await search({ mention: 'باكو', q: 'الممرات' }))).toEqual(['bare', 'talks']);
    expect(await search({ mention: 'Nobody' })).toEqual([]);
  });

  it('finds duplicates across languages and forms, with score and reason', async () => {
    await statement('english', 'We support the steps Azerbaijan has taken to defend its territorial integrity', 'en', 'tr', {
      ar: 'نحن ندعم الخطوات التي اتخذتها أذربيجان للدفاع عن سلامة أراضيها',
    });
    await statement('forms', 'ونحن ندعم خطوات اتخذتها اذربيجان للدفاع عن سلامة الأراضي', 'ar', 'tr');
    const res = await t.as('analyst').get(`/api/statements/${ids.erdogan}/similar`).expect(200);
    const rows = res.body as { id: string; score: number; reason: string; matchedOn: string }[];
    expect(rows.find((r) => r.id === ids.english)).toMatchObject({ reason: 'translation', matchedOn: 'ar', score: 1 });
    expect(rows.find((r) => r.id === ids.forms)).toMatchObject({ reason: 'similar wording', matchedOn: 'text' });
    const check = await t
      .as('editor')
      .post('/api/statements/similar')
      .send({
        text: 'We support the steps Azerbaijan has taken to defend its territorial integrity',
        lang: 'en',
        translations: { ar: 'نحن ندعم الخطوات التي اتخذتها أذربيجان للدفاع عن سلامة أراضيها' },
      })
      .expect(200);
    expect(check.body.find((r: { id: string }) => r.id === ids.english)).toMatchObject({ reason: 'same text', score: 1 });
    expect(check.body.find((r: { id: string }) => r.id === ids.erdogan)).toMatchObject({ reason: 'translation' });
  });
});
