import './register-paths';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { normalize } from '../apps/api/src/common/text-normalize';
import { buildStatementWhere } from '../apps/api/src/statements/statement-filter';
import { option } from './bench-database';

/**
 * Recall and precision of Arabic search over the word forms an editor types, measured on real news:
 * the Arabic articles of the extraction dev set (`--corpus`, default `../shared/extraction-dev`),
 * read at run time, each paragraph stored as a statement in a fresh embedded database.
 *
 *   npm run bench:arabic-recall -- [--corpus <dir>] [--verbose]
 *
 * For every content word of the corpus (4+ letters without its article, not a function word), the
 * other common forms are searched through the statement list's own filter: with and without the
 * article, with و, وال, بال, لل; ة↔ات, ية↔ي, ون↔ين. Recall: the share of those searches that find
 * the paragraph the word came from. Precision: the share of the statements found that hold a form of
 * the same word (its family: any of those prefixes, endings and a pronoun suffix); what else is found
 * shares a light stem without being a form of the word. The same is measured for the search before
 * light stemming (exact words and Snowball stems), computed on the same rows.
 */

const CORPUS = resolve(option('corpus', process.env.ARABIC_CORPUS_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'extraction-dev')));
const VERBOSE = process.argv.includes('--verbose');

const PREFIXES = ['', 'ال', 'و', 'وال', 'بال', 'لل'];
const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'ال', 'لل'];
const PRONOUNS = ['', 'ها', 'ه', 'هم', 'هما', 'نا', 'كم'];
/** Function words: not what anyone searches for. */
const FUNCTION_WORDS = new Set(
  normalize(
    'الذي التي الذين اللذين هذا هذه ذلك تلك هناك هنا حتى الى إلى على عن من في مع بين بعد قبل عند لدى حول خلال ضد منذ كان كانت يكون تكون ليس لكن غير أكثر أيضا إنه إنها انه انها كما بينما حيث التى وقد لقد قد وفي ومن وعلى وأن وإن',
  ).split(' '),
);

interface Statement {
  id: string;
  text: string;
  words: string[];
}

const words = (text: string) =>
  normalize(text)
    .split(/[^ء-ي]+/u)
    .filter(Boolean);

/** The word without its article, as a dictionary would list it. */
function bare(word: string): string {
  for (const article of ARTICLES) if (word.startsWith(article) && word.length - article.length >= 3) return word.slice(article.length);
  return word;
}

/** The ending alternations of the issue, as normalised (ة is ه). */
function endings(base: string): string[] {
  const out = [base];
  const swap = (from: string, to: string) =>
    base.endsWith(from) && base.length - from.length >= 2 && out.push(base.slice(0, -from.length) + to);
  if (!swap('يه', 'ي')) swap('ه', 'ات');
  if (!base.endsWith('يه')) swap('ات', 'ه');
  swap('ي', 'يه');
  swap('ون', 'ين');
  swap('ين', 'ون');
  return out;
}

function formsOf(base: string): string[] {
  return [...new Set(endings(base).flatMap((ending) => PREFIXES.map((prefix) => prefix + ending)))];
}

/** The word without a gender, number or nisba ending: what its inflected forms share. */
function core(base: string): string {
  for (const ending of INFLECTIONS)
    if (ending && base.endsWith(ending) && base.length - ending.length >= 3) return base.slice(0, -ending.length);
  return base;
}
const INFLECTIONS = ['يات', 'يون', 'يين', 'يه', 'ات', 'ون', 'ين', 'ان', 'ه', 'ي', ''];

/**
 * Every form that counts as the same word, for precision: any of the prefixes, its gender, number
 * and nisba forms (أذربيجان, أذربيجاني, أذربيجانية), also with a pronoun (ة written ت before it).
 */
function familyOf(base: string): Set<string> {
  const family = new Set<string>();
  for (const ending of INFLECTIONS.map((inflection) => core(base) + inflection)) {
    for (const pronoun of PRONOUNS) {
      const stem = pronoun && ending.endsWith('ه') ? `${ending.slice(0, -1)}ت` : ending;
      for (const prefix of [...PREFIXES, 'ب', 'ل', 'ف', 'فال', 'كال', 'وب', 'ول', 'ولل']) family.add(prefix + stem + pronoun);
    }
  }
  return family;
}

async function main() {
  const files = readdirSync(CORPUS)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => (JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as { lang?: string }).lang === 'ar')
    .map((file) => join(CORPUS, file.replace(/\.json$/, '.txt')));
  const paragraphs = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split(/\n+/)
      .map((line) => line.trim())
      .filter((line) => words(line).length >= 4),
  );

  const dir = mkdtempSync(join(tmpdir(), 'stance-arabic-recall-'));
  const db = await startEmbeddedPostgres(dir, { fast: true });
  const dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const [{ id: actorId }] = (await dataSource.query(
      `INSERT INTO actors (slug, name, kind) VALUES ('corpus', 'Corpus', 'other') RETURNING id`,
    )) as { id: string }[];
    const statements: Statement[] = [];
    for (const text of paragraphs) {
      const [{ id }] = (await dataSource.query(
        `INSERT INTO statements (text, lang, kind, actor_id, said_on) VALUES ($1, 'ar', 'paraphrase', $2, '2024-01-01') RETURNING id`,
        [text, actorId],
      )) as { id: string }[];
      statements.push({ id, text, words: words(text) });
    }
    // The document before light stemming (1732300000000), for the baseline.
    await dataSource.query(`ALTER TABLE statements ADD COLUMN search_before tsvector`);
    await dataSource.query(
      `UPDATE statements SET search_before = to_tsvector('arabic', stance_normalize(text)) || to_tsvector('simple', stance_normalize(text))`,
    );

    // A leading و is the conjunction when the rest is a word of the corpus too (ووزير, not وزير).
    const vocabulary = new Set(statements.flatMap((s) => s.words.map(bare)));
    const lemma = (word: string) => {
      const base = bare(word);
      return base.startsWith('و') && vocabulary.has(bare(base.slice(1))) ? bare(base.slice(1)) : base;
    };
    const bases = new Map<string, Set<string>>();
    for (const statement of statements) {
      for (const word of statement.words) {
        const base = lemma(word);
        if (base.length < 4 || FUNCTION_WORDS.has(word) || FUNCTION_WORDS.has(base)) continue;
        if (!bases.has(base)) bases.set(base, new Set());
        bases.get(base)!.add(statement.id);
      }
    }

    const score = {
      now: { searches: 0, found: 0, retrieved: 0, relevant: 0 },
      before: { searches: 0, found: 0, retrieved: 0, relevant: 0 },
    };
    const misses: string[] = [];
    const strays = new Map<string, number>();
    for (const [base, sources] of bases) {
      const family = familyOf(base);
      const relevant = new Set(statements.filter((s) => s.words.some((w) => family.has(w))).map((s) => s.id));
      for (const form of formsOf(base)) {
        if (statements.some((s) => sources.has(s.id) && s.words.includes(form))) continue; // the form the text has
        const where = buildStatementWhere({ q: form });
        const now = new Set(
          ((await dataSource.query(`SELECT s.id FROM statements s WHERE ${where.sql}`, where.params)) as { id: string }[]).map((r) => r.id),
        );
        const before = new Set(
          (
            (await dataSource.query(
              `SELECT s.id FROM statements s WHERE s.deleted_at IS NULL AND s.search_before @@ (websearch_to_tsquery('arabic', stance_normalize($1)) || websearch_to_tsquery('simple', stance_normalize($1)))`,
              [form],
            )) as { id: string }[]
          ).map((r) => r.id),
        );
        for (const [key, found] of [
          ['now', now],
          ['before', before],
        ] as const) {
          const s = score[key];
          s.searches++;
          if ([...sources].every((id) => found.has(id))) s.found++;
          s.retrieved += found.size;
          s.relevant += [...found].filter((id) => relevant.has(id)).length;
        }
        if (![...sources].every((id) => now.has(id))) misses.push(`${form} (from ${base})`);
        for (const id of now) if (!relevant.has(id)) strays.set(base, (strays.get(base) ?? 0) + 1);
      }
    }

    const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
    console.log(`corpus: ${files.length} Arabic articles, ${statements.length} paragraphs, ${bases.size} content words`);
    for (const key of ['before', 'now'] as const) {
      const s = score[key];
      console.log(
        `${key === 'now' ? 'light stemming' : 'before (exact + Snowball)'}: ${s.searches} searches, recall ${pct(s.found, s.searches)}, precision ${pct(s.relevant, s.retrieved)} (${s.retrieved} statements found)`,
      );
    }
    if (VERBOSE) {
      console.log(`missed (${misses.length}): ${misses.join(', ')}`);
      console.log(
        `words whose searches found statements outside their family: ${[...strays].map(([base, n]) => `${base} ${n}`).join(', ')}`,
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
