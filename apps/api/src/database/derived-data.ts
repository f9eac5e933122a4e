import type { DataSource } from 'typeorm';

/**
 * Every structure the database keeps derived from other tables, in one registry: what it is
 * derived from, the triggers that keep it current on write, how to rebuild it, and a query that
 * lists where it differs from its sources. `checkDerivedData` runs every check in one snapshot
 * (`npm run db:check`; the concurrency suites run it after their races). A new derived table is
 * added here with its check.
 */
export interface DerivedData {
  /** What is derived, e.g. `actors.path`. */
  name: string;
  /** The tables it is computed from. */
  sources: string[];
  /** `table.trigger` of every trigger that keeps it current; a missing or disabled one is reported. */
  triggers: string[];
  /** SQL that recomputes it from its sources, or null when a difference needs a person (a cycle). */
  rebuild: string | null;
  /** SQL listing the differences, one row each: `key` (what differs) and `problem` (how). */
  check: string;
}

const LABEL_COLUMNS = [
  'actor_name',
  'actor_path',
  'speaker_name',
  'source_outlet',
  'source_title',
  'event_name',
  'topic_ids',
  'topics',
  'tag_ids',
  'tags',
  'stances',
];
const POSITION_STATS = ['published', 'draft'].flatMap((s) => ['n', 'total', 'min', 'max', 'latest'].map((stat) => `${s}_${stat}`));

/** Rows of `stored` and `expected` (same columns) whose `key` matches on one side only or whose `columns` differ. */
function differences(stored: string, expected: string, key: string[], columns: string[], label: string): string {
  const keyText = key.map((k) => `coalesce(e.${k}, d.${k})::text`).join(` || ' ' || `);
  const changed = columns.map((c) => `CASE WHEN e.${c}::text IS DISTINCT FROM d.${c}::text THEN '${c}' END`).join(', ');
  return `
    SELECT '${label} ' || ${keyText} AS key,
           CASE WHEN d.${key[0]} IS NULL THEN 'missing'
                WHEN e.${key[0]} IS NULL THEN 'should not exist'
                ELSE 'differs in ' || concat_ws(', ', ${changed}) END AS problem
      FROM ${stored} d FULL JOIN ${expected} e USING (${key.join(', ')})
     WHERE d.${key[0]} IS NULL OR e.${key[0]} IS NULL OR (${columns.map((c) => `d.${c}::text`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `e.${c}::text`).join(', ')})`;
}

const labelTriggers = [
  'statements.statements_labels_insert',
  'statements.statements_labels_update',
  ...['statement_topics', 'statement_tags', 'stances'].flatMap((table) =>
    ['insert', 'update', 'delete'].map((op) => `${table}.${table}_labels_${op}`),
  ),
  ...['actors', 'topics', 'tags', 'sources', 'events'].map((table) => `${table}.${table}_labels_update`),
];
const positionTriggers = [
  'statements.statements_positions_update',
  'statements.statements_positions_delete',
  'statements.statements_positions_truncate',
  'stances.stances_positions_insert',
  'stances.stances_positions_update',
  'stances.stances_positions_delete',
  'stances.stances_positions_truncate',
];
const GENERATION_TABLES = ['statements', 'stances', 'statement_topics', 'statement_tags', 'actors'];
const GENERATION_SLOTS = 64;

export const DERIVED_DATA: DerivedData[] = [
  {
    name: 'actors.path',
    sources: ['actors.parent_id'],
    triggers: ['actors.actors_set_path', 'actors.actors_move_subtree'],
    rebuild: 'SELECT stance_actors_rebuild_paths()',
    check: `
      SELECT 'actor ' || a.id || ' (' || a.name || ')' AS key,
             CASE WHEN e.id IS NULL THEN 'in a parent cycle: no path from a root'
                  ELSE 'stored path ' || a.path::text || ', from its parents ' || e.path::text END AS problem
        FROM actors a LEFT JOIN stance_expected_actor_paths() e ON e.id = a.id
       WHERE e.path IS DISTINCT FROM a.path`,
  },
  {
    name: 'topics hierarchy',
    sources: ['topics.parent_id'],
    triggers: ['topics.topics_no_cycle'],
    rebuild: null,
    check: `
      SELECT 'topic ' || t.id || ' (' || t.name || ')' AS key, 'in a parent cycle: no path from a root' AS problem
        FROM topics t WHERE NOT EXISTS (SELECT 1 FROM stance_expected_topic_paths() e WHERE e.id = t.id)`,
  },
  {
    name: 'statement_labels',
    sources: ['statements', 'actors', 'topics', 'tags', 'sources', 'events', 'statement_topics', 'statement_tags', 'stances'],
    triggers: labelTriggers,
    rebuild: 'SELECT stance_rebuild_statement_labels()',
    check: differences('statement_labels', 'stance_expected_statement_labels()', ['statement_id'], LABEL_COLUMNS, 'labels of statement'),
  },
  {
    name: 'position_months',
    sources: ['statements', 'stances'],
    triggers: positionTriggers,
    rebuild: 'SELECT stance_positions_rebuild()',
    check: differences(
      'position_months',
      'stance_expected_position_months()',
      ['actor_id', 'target_type', 'target_id', 'month'],
      POSITION_STATS,
      'position of (actor, target type, target, month)',
    ),
  },
  {
    name: 'position_totals',
    sources: ['statements', 'stances'],
    triggers: positionTriggers,
    rebuild: 'SELECT stance_positions_rebuild()',
    check: differences(
      'position_totals',
      'stance_expected_position_totals()',
      ['actor_id', 'target_type', 'target_id'],
      POSITION_STATS,
      'position of (actor, target type, target)',
    ),
  },
  {
    // Totals are cached while this counter is unchanged (statements/total-cache.ts): every write to a filtered table must bump it.
    name: 'statement_generation',
    sources: GENERATION_TABLES,
    triggers: GENERATION_TABLES.map((table) => `${table}.${table}_generation`),
    rebuild: null,
    check: `
      SELECT 'generation slot ' || coalesce(g.slot, s.slot) AS key,
             CASE WHEN s.slot IS NULL THEN 'missing' WHEN g.slot IS NULL THEN 'should not exist' ELSE 'negative count' END AS problem
        FROM (SELECT generate_series(0, ${GENERATION_SLOTS - 1})::smallint AS slot) g
        FULL JOIN statement_generation s USING (slot)
       WHERE g.slot IS NULL OR s.slot IS NULL OR s.n < 0`,
  },
];

export interface DerivedDataDifference {
  /** The registry entry. */
  structure: string;
  key: string;
  problem: string;
}

/** Differences listed per structure, at most this many (a whole table out of date would otherwise print millions of lines). */
const MAX_LISTED = 100;

/**
 * Every difference between derived data and its sources, in one read-only snapshot (so a write
 * committing meanwhile cannot look like a difference): each registry check, and each trigger that
 * should keep the structure current but is missing or disabled (a bulk load that left them off).
 */
export async function checkDerivedData(dataSource: DataSource, registry: DerivedData[] = DERIVED_DATA): Promise<DerivedDataDifference[]> {
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const found: DerivedDataDifference[] = [];
    for (const entry of registry) {
      const triggers = (await runner.query(
        `SELECT w.name FROM unnest($1::text[]) AS w(name)
          WHERE NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                             WHERE c.relname || '.' || t.tgname = w.name AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid))`,
        [entry.triggers],
      )) as { name: string }[];
      for (const { name } of triggers) found.push({ structure: entry.name, key: `trigger ${name}`, problem: 'missing or disabled' });
      const rows = (await runner.query(`SELECT key, problem FROM (${entry.check}) c ORDER BY key LIMIT ${MAX_LISTED}`)) as {
        key: string;
        problem: string;
      }[];
      for (const row of rows) found.push({ structure: entry.name, ...row });
    }
    await runner.query('COMMIT');
    return found;
  } finally {
    await runner.release();
  }
}

/** The report `npm run db:check` prints. */
export function formatDifferences(found: DerivedDataDifference[], registry: DerivedData[] = DERIVED_DATA): string {
  if (!found.length) return `derived data consistent: ${registry.map((entry) => entry.name).join(', ')}`;
  const lines = [`${found.length} difference(s) between derived data and its sources:`];
  for (const entry of registry) {
    const own = found.filter((difference) => difference.structure === entry.name);
    if (!own.length) continue;
    lines.push(`${entry.name} (from ${entry.sources.join(', ')}):`);
    for (const difference of own) lines.push(`  ${difference.key}: ${difference.problem}`);
    if (own.length >= MAX_LISTED) lines.push(`  (first ${MAX_LISTED} listed)`);
    lines.push(`  rebuild: ${entry.rebuild ?? 'none automatic: fix the rows by hand'}`);
  }
  return lines.join('\n');
}
