import { MigrationInterface, QueryRunner } from 'typeorm';

/** Arabic letters as `stance_normalize` leaves them (hamza seats folded, marks dropped). */
const AR = 'ء-ي';
/** Private-use character that fences a protected word while the affix rules run, then removed. */
const MARK = '\uE000';
const START = `(?<![${AR}${MARK}])`;
const END = `(?![${AR}${MARK}])`;

/**
 * Words the affix rules would cut wrongly (a root letter taken for a prefix or a suffix, a name
 * that would fall onto another word: لبنان → لبن "milk", سودان → سود "black"). A protected word
 * keeps its form; its affixed forms (اللبنانية, والفلسطينيين) are reduced to it.
 */
export const ARABIC_PROTECTED_STEMS = [
  'والد',
  'لبنان',
  'فلسطين',
  'ايران',
  'سودان',
  'عمان',
  'يمن',
  'يونان',
  'يابان',
  'طهران',
  'باكستان',
  'افغانستان',
  'كردستان',
  'يريفان',
  'واشنطن',
  'سلطان',
  'برلمان',
  'الله',
  'امان',
  'ايمان',
  'انسان',
  'ميدان',
  'بيان',
];

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const replaceAll = (inner: string, pattern: string, replacement: string) =>
  `regexp_replace(${inner}, ${sqlString(pattern)}, ${sqlString(replacement)}, 'g')`;

/**
 * The light stemmer as one SQL expression over a whole normalised text: each rule is one
 * regexp_replace over every word at once (a loop per word in PL/pgSQL is ~10× slower to index a
 * million statements). Lucene's ArabicStemmer (Larkey's light10 family) with three changes measured
 * on real news (bench/arabic-recall.ts): a leading و is also cut after the article (الوزير and وزير
 * meet, and ولايات and الولايات), but not where it would leave an article that cannot be one (والد);
 * an article is cut only before three letters (الآن does not become أن); suffixes are cut until none
 * is left (أذربيجانية and أذربيجان meet) but never below three letters (بيان, قوية stay; a two-letter
 * plural in ات is written with ة instead, so قوات and قوة meet).
 */
function stemExpression(input: string): string {
  let e = input;
  e = replaceAll(
    e,
    `${START}(?:و|[وبكف]?ال|لل)?(${ARABIC_PROTECTED_STEMS.join('|')})(?:ي|يه|يون|يين|يات|ان|ين|ها|ه)?${END}`,
    `${MARK}\\1${MARK}`,
  );
  e = replaceAll(e, `${START}و(?=(?:[بكف]ال|لل)[${AR}]{3})`, '');
  e = replaceAll(e, `${START}[وبكف]?ال(?=[${AR}]{3})`, '');
  e = replaceAll(e, `${START}لل(?=[${AR}]{3})`, '');
  e = replaceAll(e, `${START}و{1,2}(?!ال)(?=[${AR}]{3})`, '');
  e = replaceAll(e, `${START}و(?=ال[${AR}]{1,2}${END})`, '');
  e = replaceAll(e, `${START}([${AR}]{2})ات${END}`, '\\1ه');
  for (let round = 0; round < 3; round++) {
    e = replaceAll(e, `${START}([${AR}]{3,}?)(?:ها|يات|ات|ون|ين|يه|ه|ي|ان)${END}`, '\\1');
  }
  return `replace(${e}, ${sqlString(MARK)}, '')`;
}

/** The document of 1732300000000, and the same with the light stems of Arabic words beside it. */
function documentFunction(withStems: boolean): string {
  const stems = (text: string, weight: string) =>
    withStems
      ? `|| CASE WHEN ${text} ~ '[${AR}]' THEN setweight(to_tsvector('pg_catalog.simple', stance_arabic_stem(${text})), '${weight}') ELSE '' END`
      : '';
  return `
    CREATE OR REPLACE FUNCTION stance_document(lang text, body text, translations jsonb) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
    DECLARE
      doc tsvector;
      tr record;
      normalized text := stance_normalize(coalesce(body, ''));
    BEGIN
      doc := setweight(to_tsvector(stance_ts_config(lang), normalized), 'A')
          || setweight(to_tsvector('pg_catalog.simple', normalized), 'A')
          ${stems('normalized', 'C')};
      FOR tr IN SELECT key, stance_normalize(value) AS value
                  FROM jsonb_each_text(CASE WHEN jsonb_typeof(translations) = 'object' THEN translations ELSE '{}'::jsonb END) LOOP
        doc := doc
          || setweight(to_tsvector(stance_ts_config(tr.key), tr.value), 'B')
          || setweight(to_tsvector('pg_catalog.simple', tr.value), 'B')
          ${stems('tr.value', 'D')};
      END LOOP;
      RETURN doc;
    END
    $fn$`;
}

/**
 * Arabic light stemming (issue 14): `stance_arabic_stem(text)` reduces every Arabic word of a
 * normalised text to its light stem (المفاوضات، مفاوضات، والمفاوضات → مفاوض). The search document
 * keeps what it had (exact words and Snowball stems, weights A/B) and adds the light stems of the
 * text (C) and of its translations (D), so exact forms still rank first; the query adds the light
 * stems of its Arabic words (`apps/api/src/statements/statement-filter.ts`). The stored document
 * is recomputed, which rewrites the statements table once.
 */
export class ArabicLightStemming1733100000000 implements MigrationInterface {
  name = 'ArabicLightStemming1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION stance_arabic_stem(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ SELECT ${stemExpression('input')} $fn$`);
    await q.query(documentFunction(true));
    await recomputeSearch(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(documentFunction(false));
    await recomputeSearch(q);
    await q.query(`DROP FUNCTION stance_arabic_stem(text)`);
  }
}

/** A stored generated column keeps the values of the old function: the column is computed anew. */
async function recomputeSearch(q: QueryRunner): Promise<void> {
  await q.query(`ALTER TABLE statements DROP COLUMN search`);
  await q.query(`ALTER TABLE statements ADD COLUMN search tsvector GENERATED ALWAYS AS (stance_document(lang, text, translations)) STORED`);
  await q.query(`CREATE INDEX statements_search_idx ON statements USING gin (search) WHERE deleted_at IS NULL`);
}
