import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/** `stance_arabic_stem`, the light stemmer of migration 1733100000000, on a table of word forms. */
describe('Arabic light stemming', () => {
  let db: TestDatabase;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await db.drop();
  });

  const stem = async (text: string) =>
    (await sql.query(`SELECT stance_arabic_stem(stance_normalize($1)) AS s`, [text])).rows[0].s as string;

  it.each([
    ['article and plural', ['مفاوضات', 'المفاوضات', 'والمفاوضات', 'بالمفاوضات', 'للمفاوضات', 'ومفاوضات'], 'مفاوض'],
    ['ات plural', ['ممرات', 'الممرات', 'وبالممرات'], 'ممر'],
    ['ين/ون and nisba', ['مدنيين', 'المدنيين', 'مدنيون', 'المدني', 'مدنية', 'ومدنيين'], 'مدن'],
    ['country, nisba and و', ['أذربيجان', 'وأذربيجان', 'أذربيجانية', 'الأذربيجانية', 'الأذربيجاني', 'أذربيـجانيون'], 'اذربيج'],
    ['ة and ات', ['حكومة', 'الحكومة', 'حكومات', 'والحكومات', 'للحكومة'], 'حكوم'],
    ['ية and ي', ['العسكرية', 'عسكري', 'العسكريين', 'والعسكرية'], 'عسكر'],
    ['root و after the article', ['وزير', 'الوزير', 'والوزير', 'للوزير'], 'زير'],
    ['conjunction before a root و', ['وزارة', 'الوزارة', 'ووزارة'], 'زار'],
    ['short plural in ات', ['قوة', 'قوات', 'القوات', 'وقوات'], 'قوه'],
    ['و before an article too short to be one', ['الآن', 'والآن'], 'الان'],
    ['pronoun suffix', ['بيانها', 'بيان', 'البيان', 'بيانات'], 'بيان'],
  ])('%s: every form has one stem', async (_, forms, expected) => {
    for (const form of forms) expect([form, await stem(form)]).toEqual([form, expected]);
  });

  it.each([
    ['والد', 'والد'],
    ['الوالد', 'والد'],
    ['بلاد', 'بلاد'],
    ['البلاد', 'بلاد'],
    ['لبنان', 'لبنان'],
    ['اللبنانية', 'لبنان'],
    ['فلسطين', 'فلسطين'],
    ['الفلسطينيين', 'فلسطين'],
    ['السودان', 'سودان'],
    ['قال', 'قال'],
    ['وقال', 'قال'],
    ['ولا', 'ولا'],
    ['في', 'في'],
  ])('does not cut letters of the word itself: %s → %s', async (word, expected) => {
    expect(await stem(word)).toBe(expected);
  });

  it('stems every Arabic word of a text and leaves the rest of it as it is', async () => {
    expect(await stem('أعلنت وزارة الدفاع الأذربيجانية (MoD) يوم 19 سبتمبر، Baku.')).toBe(
      'اعلنت زار دفاع اذربيج (mod) يوم 19 سبتمبر، baku.',
    );
  });

  it('is immutable, so that the search index can hold it', async () => {
    const { rows } = await sql.query(`SELECT provolatile FROM pg_proc WHERE proname = 'stance_arabic_stem'`);
    expect(rows).toEqual([{ provolatile: 'i' }]);
  });
});
