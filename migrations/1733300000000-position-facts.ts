import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = ['published', 'draft'] as const;
const STAT_NAMES = STATUSES.map((s) => `${s}_n, ${s}_total, ${s}_min, ${s}_max, ${s}_latest`).join(', ');
/** As in migration 1732400000000: per status, the count, sum, min, max and latest key of the stances `st` of statements `s`. */
const STATS_OF_STANCES = STATUSES.map((s) => {
  const only = `FILTER (WHERE s.status = '${s}')`;
  return `count(*) ${only}, coalesce(sum(st.value) ${only}, 0), min(st.value) ${only}, max(st.value) ${only},
          max(stance_position_key(s.said_on, s.created_at, s.id, st.value) COLLATE "C") ${only}`;
}).join(',\n');
const STATS_OF_MONTHS = STATUSES.map((s) => `sum(m.${s}_n), sum(m.${s}_total), min(m.${s}_min), max(m.${s}_max), max(m.${s}_latest)`).join(
  ', ',
);
const TARGET_TYPE = `CASE WHEN st.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END`;
const TARGET_ID = `coalesce(st.target_actor_id, st.target_topic_id)`;

/** The statement columns a position filter may read, copied onto each stance's fact row. */
const FACT_COLUMNS = ['actor_id', 'said_on', 'created_at', 'status', 'lang', 'kind', 'speaker_id', 'source_id', 'event_id', 'deleted_at'];
/** `position_facts` rows of the stances `st` (of statements `s`). */
const FACTS_OF_STANCES = `SELECT st.id, s.id, ${FACT_COLUMNS.map((c) => `s.${c}`).join(', ')}, st.target_actor_id, st.target_topic_id, st.value`;
const FACT_INSERT = `INSERT INTO position_facts (stance_id, id, ${FACT_COLUMNS.join(', ')}, target_actor_id, target_topic_id, value)`;

/** The triggers this migration points at the narrower refresh, with the function each used before. */
const TRIGGERS = [
  { name: 'statements_positions_update', table: 'statements', event: 'UPDATE', referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { name: 'stances_positions_insert', table: 'stances', event: 'INSERT', referencing: 'NEW TABLE AS new_rows' },
  { name: 'stances_positions_update', table: 'stances', event: 'UPDATE', referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
  { name: 'stances_positions_delete', table: 'stances', event: 'DELETE', referencing: 'OLD TABLE AS old_rows' },
].map((t) => ({
  ...t,
  before: t.table === 'statements' ? 'stance_positions_statements_changed' : 'stance_positions_stances_changed',
  after: t.table === 'statements' ? 'stance_positions_statements_pairs' : 'stance_positions_stances_pairs',
}));

/**
 * Positions at the speed of a page whatever the filter: aggregates refreshed per (actor, target,
 * month) instead of per (actor, month), and a narrow stance table for the filters they do not hold.
 *
 * A write used to recompute every target of the slice it touched, then the all-time totals of each
 * of those pairs from all their months: one stance on a busy actor's statement re-aggregated its
 * ~235 targets and ~19,000 month rows (100–400 ms warm, over a second cold, under the actor's lock).
 * Only the pairs of the stances a write touches can change, so the statements and stances triggers
 * now name those pairs: the month is recomputed from that actor's statements of the month with a
 * stance on that target, and the total from that pair's months. A hard delete of statements keeps
 * the slice-wide refresh: its stances are gone (cascade) by the time its trigger runs.
 *
 * And positions under any statement filter (language, kind, source, event, speaker, tag, topic…)
 * read `position_facts`: one narrow row per stance of a statement with the statement's filterable
 * columns beside the stance, named as in `statements` (`id` is the statement), so that the statement
 * filter applies to it unchanged. A top-level subtree's stances are one index-only range of its
 * covering index, instead of a heap visit per statement (2–3 s for `lang=ar` on the busiest
 * subtree). The same triggers keep it: stances written add or replace their rows, a statement's
 * filterable columns written are copied onto its rows; `stance_position_facts_rebuild()` refills it
 * (after a load with the triggers off). Full-text filters still read the statements, which hold
 * the documents.
 */
export class PositionFacts1733300000000 implements MigrationInterface {
  name = 'PositionFacts1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE position_facts (
        stance_id uuid PRIMARY KEY,
        id uuid NOT NULL,
        actor_id uuid NOT NULL,
        said_on date NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL,
        lang text NOT NULL,
        kind text NOT NULL,
        speaker_id uuid,
        source_id uuid,
        event_id uuid,
        deleted_at timestamptz,
        target_actor_id uuid,
        target_topic_id uuid,
        value smallint NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION stance_position_facts_rebuild() RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        LOCK TABLE position_facts IN EXCLUSIVE MODE;
        TRUNCATE position_facts;
        ${FACT_INSERT}
        ${FACTS_OF_STANCES} FROM stances st JOIN statements s ON s.id = st.statement_id;
      END
      $fn$`);
    await q.query(`SELECT stance_position_facts_rebuild()`);
    // STABLE, as the to_char in it is: PostgreSQL then inlines it into the queries that aggregate
    // thousands of stances, instead of calling it once per row (a few times faster).
    await q.query(`ALTER FUNCTION stance_position_key(date, timestamptz, uuid, smallint) STABLE`);
    await q.query(`CREATE INDEX position_facts_statement_idx ON position_facts (id)`);
    await q.query(`
      CREATE INDEX position_facts_actor_idx ON position_facts (actor_id, said_on)
        INCLUDE (id, created_at, status, lang, kind, speaker_id, source_id, event_id, target_actor_id, target_topic_id, value)
        WHERE deleted_at IS NULL`);
    await q.query(`
      CREATE FUNCTION stance_position_facts_truncated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        TRUNCATE position_facts;
        RETURN NULL;
      END
      $fn$`);
    await q.query(
      `CREATE TRIGGER stances_position_facts_truncate AFTER TRUNCATE ON stances FOR EACH STATEMENT EXECUTE FUNCTION stance_position_facts_truncated()`,
    );

    await q.query(`
      CREATE FUNCTION stance_positions_refresh_pairs(actor_ids uuid[], target_types text[], target_ids uuid[], months date[]) RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor uuid;
      BEGIN
        -- The same per-actor lock as stance_positions_refresh, taken in the same order.
        FOR actor IN SELECT DISTINCT a FROM unnest(actor_ids) AS u(a) WHERE a IS NOT NULL ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('stance_positions:' || actor, 0));
        END LOOP;
        DELETE FROM position_months p
         USING (SELECT DISTINCT a, tt, ti, m FROM unnest(actor_ids, target_types, target_ids, months) AS u(a, tt, ti, m)) k
         WHERE p.actor_id = k.a AND p.target_type = k.tt AND p.target_id = k.ti AND p.month = k.m;
        INSERT INTO position_months (actor_id, target_type, target_id, month, ${STAT_NAMES})
        SELECT p.a, p.tt, p.ti, p.m, ${STATS_OF_STANCES}
          FROM (SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m) WHERE a IS NOT NULL) k
          JOIN statements s ON s.actor_id = k.a AND s.said_on >= k.m AND s.said_on < (k.m + interval '1 month')::date AND s.deleted_at IS NULL
          JOIN stances st ON st.statement_id = s.id
          -- Each (actor, month) read once, however many of its targets a bulk write touched.
          JOIN (SELECT DISTINCT a, tt, ti, m FROM unnest(actor_ids, target_types, target_ids, months) AS u(a, tt, ti, m)) p
            ON p.a = k.a AND p.m = k.m AND p.ti = ${TARGET_ID} AND p.tt = ${TARGET_TYPE}
         GROUP BY 1, 2, 3, 4;
        DELETE FROM position_totals t
         USING (SELECT DISTINCT a, tt, ti FROM unnest(actor_ids, target_types, target_ids) AS u(a, tt, ti)) k
         WHERE t.actor_id = k.a AND t.target_type = k.tt AND t.target_id = k.ti;
        INSERT INTO position_totals (actor_id, target_type, target_id, ${STAT_NAMES})
        SELECT m.actor_id, m.target_type, m.target_id, ${STATS_OF_MONTHS}
          FROM (SELECT DISTINCT a, tt, ti FROM unnest(actor_ids, target_types, target_ids) AS u(a, tt, ti)) k
          JOIN position_months m ON m.actor_id = k.a AND m.target_type = k.tt AND m.target_id = k.ti
         GROUP BY 1, 2, 3;
      END
      $fn$`);

    // Stances: the pairs of the stances written, with their statement's actor and month (a transition
    // table exists only for the events that have it, hence one query per event).
    const pairsOf = (rows: string) => `
          SELECT array_agg(s.actor_id), array_agg(${TARGET_TYPE}), array_agg(${TARGET_ID}), array_agg(date_trunc('month', s.said_on)::date)
            INTO actor_ids, target_types, target_ids, months
            FROM (${rows}) st JOIN statements s ON s.id = st.statement_id;`;
    const columns = 'statement_id, target_actor_id, target_topic_id';
    await q.query(`
      CREATE FUNCTION stance_positions_stances_pairs() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor_ids uuid[];
        target_types text[];
        target_ids uuid[];
        months date[];
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          DELETE FROM position_facts f USING old_rows o WHERE f.stance_id = o.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          ${FACT_INSERT}
          ${FACTS_OF_STANCES} FROM new_rows st JOIN statements s ON s.id = st.statement_id;
        END IF;
        IF TG_OP = 'INSERT' THEN ${pairsOf(`SELECT DISTINCT ${columns} FROM new_rows`)}
        ELSIF TG_OP = 'UPDATE' THEN ${pairsOf(`SELECT ${columns} FROM old_rows UNION SELECT ${columns} FROM new_rows`)}
        ELSE ${pairsOf(`SELECT DISTINCT ${columns} FROM old_rows`)}
        END IF;
        IF actor_ids IS NOT NULL THEN
          PERFORM stance_positions_refresh_pairs(actor_ids, target_types, target_ids, months);
        END IF;
        RETURN NULL;
      END
      $fn$`);

    // Statements: their filterable columns onto their facts; where the actor, month, status,
    // liveness or creation time changed, the pairs of their stances, before and after.
    await q.query(`
      CREATE FUNCTION stance_positions_statements_pairs() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor_ids uuid[];
        target_types text[];
        target_ids uuid[];
        months date[];
      BEGIN
        UPDATE position_facts f SET ${FACT_COLUMNS.map((c) => `${c} = n.${c}`).join(', ')}
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE f.id = n.id AND (${FACT_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${FACT_COLUMNS.map((c) => `o.${c}`).join(', ')});
        SELECT array_agg(k.a), array_agg(${TARGET_TYPE}), array_agg(${TARGET_ID}), array_agg(k.m)
          INTO actor_ids, target_types, target_ids, months
          FROM (SELECT n.id, o.actor_id AS a, date_trunc('month', o.said_on)::date AS m, n.actor_id AS na, date_trunc('month', n.said_on)::date AS nm
                  FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE (o.actor_id, o.said_on, o.status, o.deleted_at IS NULL, o.created_at)
                       IS DISTINCT FROM (n.actor_id, n.said_on, n.status, n.deleted_at IS NULL, n.created_at)) c
          CROSS JOIN LATERAL (VALUES (c.a, c.m), (c.na, c.nm)) AS k(a, m)
          JOIN stances st ON st.statement_id = c.id;
        IF actor_ids IS NOT NULL THEN
          PERFORM stance_positions_refresh_pairs(actor_ids, target_types, target_ids, months);
        END IF;
        RETURN NULL;
      END
      $fn$`);

    for (const t of TRIGGERS) await this.point(q, t, t.after);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) await this.point(q, t, t.before);
    await q.query(`DROP FUNCTION stance_positions_statements_pairs()`);
    await q.query(`DROP FUNCTION stance_positions_stances_pairs()`);
    await q.query(`DROP FUNCTION stance_positions_refresh_pairs(uuid[], text[], uuid[], date[])`);
    await q.query(`DROP TRIGGER stances_position_facts_truncate ON stances`);
    await q.query(`DROP FUNCTION stance_position_facts_truncated()`);
    await q.query(`DROP FUNCTION stance_position_facts_rebuild()`);
    await q.query(`DROP TABLE position_facts`);
    await q.query(`ALTER FUNCTION stance_position_key(date, timestamptz, uuid, smallint) IMMUTABLE`);
  }

  /** Recreates a trigger, under the same name (bench:generate turns it off by name), on another function. */
  private async point(q: QueryRunner, t: (typeof TRIGGERS)[number], fn: string): Promise<void> {
    await q.query(`DROP TRIGGER ${t.name} ON ${t.table}`);
    await q.query(
      `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} REFERENCING ${t.referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    );
  }
}
