import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a statement filter reads: a change to any of them can change a filter's total. */
const FILTERED_TABLES = ['statements', 'stances', 'statement_topics', 'statement_tags', 'actors'];
/** Counter rows; a writer bumps the one of its backend, so parallel writers rarely wait on each other. */
const SLOTS = 64;

/**
 * A generation number for statement totals: statement-level triggers add one to a counter on every
 * write to a table a statement filter reads. The counter is an ordinary row, so a bump becomes
 * visible exactly when its transaction commits: the sum of the counters read in the same snapshot as
 * a `count(*)` names the data that count saw, and an unchanged sum later means nothing it depends
 * on has been committed since (`apps/api/src/statements/total-cache.ts`).
 */
export class FilterGeneration1732500000000 implements MigrationInterface {
  name = 'FilterGeneration1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE statement_generation (slot smallint PRIMARY KEY, n bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO statement_generation (slot) SELECT generate_series(0, ${SLOTS - 1})`);
    await q.query(`
      CREATE FUNCTION stance_bump_statement_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE statement_generation SET n = n + 1 WHERE slot = pg_backend_pid() % ${SLOTS};
        RETURN NULL;
      END $$`);
    for (const table of FILTERED_TABLES) {
      await q.query(
        `CREATE TRIGGER ${table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION stance_bump_statement_generation()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of FILTERED_TABLES) await q.query(`DROP TRIGGER ${table}_generation ON ${table}`);
    await q.query(`DROP FUNCTION stance_bump_statement_generation()`);
    await q.query(`DROP TABLE statement_generation`);
  }
}
