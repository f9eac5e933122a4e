import { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigram indexes for the light-stemmed name search of each resource's `q` (`nameMatches`). */
const STEMMED_NAME_INDEXES: [name: string, table: string, expression: string][] = [
  ['actors_search_stem_trgm_idx', 'actors', 'stance_arabic_stem(search_text)'],
  ['topics_search_stem_trgm_idx', 'topics', 'stance_arabic_stem(search_text)'],
  ['events_search_stem_trgm_idx', 'events', 'stance_arabic_stem(search_text)'],
  ['tags_name_stem_trgm_idx', 'tags', `stance_arabic_stem(stance_normalize(name || ' ' || slug))`],
  ['sources_search_stem_trgm_idx', 'sources', `stance_arabic_stem(stance_normalize(title || ' ' || coalesce(outlet, '')))`],
];

/**
 * Indexes for issue 14: the light-stemmed names of actors, topics, events, tags and sources, and
 * the translations of statements (every translation normalised, in one string) so that a
 * duplicate check finds a statement through its translation without reading every row.
 */
export class StemmedNameAndTranslationIndexes1733100001000 implements MigrationInterface {
  name = 'StemmedNameAndTranslationIndexes1733100001000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, expression] of STEMMED_NAME_INDEXES) {
      await q.query(`CREATE INDEX ${name} ON ${table} USING gin ((${expression}) gin_trgm_ops)`);
    }
    await q.query(`
      CREATE FUNCTION stance_translations_text(translations jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
        SELECT stance_normalize(string_agg(value, ' | ' ORDER BY key))
          FROM jsonb_each_text(CASE WHEN jsonb_typeof(translations) = 'object' THEN translations ELSE '{}'::jsonb END)
      $fn$`);
    await q.query(
      `CREATE INDEX statements_translations_trgm_idx ON statements USING gin (stance_translations_text(translations) gin_trgm_ops)
        WHERE deleted_at IS NULL AND translations <> '{}'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX statements_translations_trgm_idx`);
    await q.query(`DROP FUNCTION stance_translations_text(jsonb)`);
    for (const [name] of STEMMED_NAME_INDEXES) await q.query(`DROP INDEX ${name}`);
  }
}
