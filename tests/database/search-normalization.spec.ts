import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

describe('Arabic normalisation and the search document', () => {
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

  const normalize = async (text: string) => (await sql.query(`SELECT stance_normalize($1) AS n`, [text])).rows[0].n as string;

  it.each([
    ['hamza on alef', 'أذربيجان', 'اذربيجان'],
    ['hamza below alef', 'إجراءات', 'اجراات'],
    ['madda', 'آسيا', 'اسيا'],
    ['alef wasla', 'ٱلحرب', 'الحرب'],
    ['waw with hamza', 'مسؤول', 'مسوول'],
    ['yeh with hamza', 'رئيس', 'رييس'],
    ['alef maqsura', 'مستوى', 'مستوي'],
    ['taa marbuta', 'الحكومة', 'الحكومه'],
    ['diacritics', 'شَنَّتْ', 'شنت'],
    ['tatweel', 'أذربيـــجان', 'اذربيجان'],
    ['Latin case', 'Baku', 'baku'],
    ['bidi marks', '\u200fباكو\u200e', 'باكو'],
  ])('folds %s', async (_, input, expected) => {
    expect(await normalize(input)).toBe(expected);
  });

  it('is immutable, so it can feed an index', async () => {
    const { rows } = await sql.query(
      `SELECT proname, provolatile FROM pg_proc WHERE proname IN ('stance_normalize', 'stance_document', 'stance_ts_config') ORDER BY 1`,
    );
    expect(rows.map((r) => r.provolatile)).toEqual(['i', 'i', 'i']);
  });

  describe('matching', () => {
    beforeAll(async () => {
      const { rows } = await sql.query(`INSERT INTO actors (slug, name, kind) VALUES ('az', 'Azerbaijan', 'state') RETURNING id`);
      const insert = (text: string, lang: string, translations: Record<string, string> = {}) =>
        sql.query(
          `INSERT INTO statements (text, lang, translations, kind, actor_id, said_on) VALUES ($1, $2, $3, 'quote', $4, '2023-09-19')`,
          [text, lang, JSON.stringify(translations), rows[0].id],
        );
      await insert('أعلنت أذربيجان سيطرتها على المواقع', 'ar', { en: 'Azerbaijan announced it controls the positions' });
      await insert('Armenian forces are not involved in the fighting', 'en');
      await insert('Karabağ bir Azerbaycan toprağıdır', 'tr');
    });

    const search = async (query: string, config = 'simple') =>
      (
        await sql.query(
          `SELECT text FROM statements WHERE search @@ (websearch_to_tsquery($2::regconfig, stance_normalize($1)) || websearch_to_tsquery('simple', stance_normalize($1))) ORDER BY text`,
          [query, config],
        )
      ).rows.map((r) => r.text as string);

    it('finds Arabic text whatever the hamza, diacritics or tatweel of the query', async () => {
      for (const q of ['اذربيجان', 'أذربيجان', 'أذربيـجان', 'أَذْرَبِيجَان']) {
        expect(await search(q)).toEqual(['أعلنت أذربيجان سيطرتها على المواقع']);
      }
    });

    it('stems Arabic, English and Turkish in their own language', async () => {
      expect(await search('سيطرة', 'arabic')).toEqual(['أعلنت أذربيجان سيطرتها على المواقع']);
      expect(await search('involve', 'english')).toEqual(['Armenian forces are not involved in the fighting']);
      expect(await search('fight', 'english')).toEqual(['Armenian forces are not involved in the fighting']);
      expect(await search('toprak', 'turkish')).toEqual(['Karabağ bir Azerbaycan toprağıdır']);
    });

    it('searches translations too', async () => {
      expect(await search('announced', 'english')).toEqual(['أعلنت أذربيجان سيطرتها على المواقع']);
    });
  });
});
