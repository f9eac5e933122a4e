import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = ['published', 'draft'] as const;
const STAT_COLUMNS = STATUSES.map(
  (s) =>
    `${s}_n integer NOT NULL DEFAULT 0, ${s}_total integer NOT NULL DEFAULT 0, ${s}_min smallint, ${s}_max smallint, ${s}_latest text COLLATE "C"`,
).join(',\n');
const STAT_NAMES = STATUSES.map((s) => `${s}_n, ${s}_total, ${s}_min, ${s}_max, ${s}_latest`).join(', ');
/** Per status: count, sum, min, max and latest key of the stances `st` of statements `s`. */
const STATS_OF_STANCES = STATUSES.map((s) => {
  const only = `FILTER (WHERE s.status = '${s}')`;
  return `count(*) ${only}, coalesce(sum(st.value) ${only}, 0), min(st.value) ${only}, max(st.value) ${only},
          max(stance_position_key(s.said_on, s.created_at, s.id, st.value) COLLATE "C") ${only}`;
}).join(',\n');
/** The same, folded from months `m`. */
const STATS_OF_MONTHS = STATUSES.map((s) => `sum(m.${s}_n), sum(m.${s}_total), min(m.${s}_min), max(m.${s}_max), max(m.${s}_latest)`).join(
  ', ',
);
const TARGET_OF_STANCE = `CASE WHEN st.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END, coalesce(st.target_actor_id, st.target_topic_id)`;

/**
 * Positions kept current on write, in two tables of the same shape: per actor spoken for and
 * stance target, `position_months` by calendar month and `position_totals` over all time. Each
 * row holds, per status, the count, sum, min and max of the stance values of live (not
 * soft-deleted) statements and the sort key of the latest one. Statement-level triggers on
 * `statements` and `stances` recompute the (actor, month) slices a change touches from the live
 * rows, then the totals of the (actor, target) pairs those slices hold, so a delete or a move
 * never leaves a stale min, max or latest value behind.
 */
export class PositionAggregates1732400000000 implements MigrationInterface {
  name = 'PositionAggregates1732400000000';

  async up(q: QueryRunner): Promise<void> {
    const target = `target_type text NOT NULL CHECK (target_type IN ('actor', 'topic')), target_id uuid NOT NULL`;
    await q.query(`
      CREATE TABLE position_months (
        actor_id uuid NOT NULL,
        ${target},
        month date NOT NULL CHECK (month = date_trunc('month', month)::date),
        ${STAT_COLUMNS},
        PRIMARY KEY (actor_id, target_type, target_id, month)
      )`);
    await q.query(`CREATE INDEX position_months_slice_idx ON position_months (actor_id, month)`);
    await q.query(`CREATE INDEX position_months_target_idx ON position_months (target_id, month)`);
    await q.query(`
      CREATE TABLE position_totals (
        actor_id uuid NOT NULL,
        ${target},
        ${STAT_COLUMNS},
        PRIMARY KEY (actor_id, target_type, target_id)
      )`);
    await q.query(`CREATE INDEX position_totals_target_idx ON position_totals (target_id)`);

    // The latest statement of a group is the one with the greatest key: said on, then created at,
    // then id; the stance value (shifted to 0..4) is the key's last character.
    await q.query(`
      CREATE FUNCTION stance_position_key(said_on date, created_at timestamptz, id uuid, value smallint) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT to_char(said_on, 'YYYY-MM-DD') || to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') || id::text || (value + 2)::text
      $fn$`);

    await q.query(`
      CREATE FUNCTION stance_positions_refresh(actor_ids uuid[], months date[]) RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor uuid;
        pair_actors uuid[];
        pair_types text[];
        pair_targets uuid[];
      BEGIN
        -- Writers touching the same actor take turns (in a fixed order, so they cannot deadlock);
        -- each following statement then sees what the previous writer committed.
        FOR actor IN SELECT DISTINCT a FROM unnest(actor_ids) AS u(a) WHERE a IS NOT NULL ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('stance_positions:' || actor, 0));
        END LOOP;
        WITH gone AS (
          DELETE FROM position_months p
           USING (SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m)) k
           WHERE p.actor_id = k.a AND p.month = k.m
          RETURNING p.actor_id, p.target_type, p.target_id)
        SELECT array_agg(actor_id), array_agg(target_type), array_agg(target_id) INTO pair_actors, pair_types, pair_targets FROM gone;
        WITH added AS (
          INSERT INTO position_months (actor_id, target_type, target_id, month, ${STAT_NAMES})
          SELECT s.actor_id, ${TARGET_OF_STANCE}, k.m, ${STATS_OF_STANCES}
            FROM (SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m) WHERE a IS NOT NULL) k
            JOIN statements s ON s.actor_id = k.a AND s.said_on >= k.m AND s.said_on < (k.m + interval '1 month')::date AND s.deleted_at IS NULL
            JOIN stances st ON st.statement_id = s.id
           GROUP BY 1, 2, 3, 4
          RETURNING actor_id, target_type, target_id)
        SELECT coalesce(pair_actors, '{}') || coalesce(array_agg(actor_id), '{}'), coalesce(pair_types, '{}') || coalesce(array_agg(target_type), '{}'),
               coalesce(pair_targets, '{}') || coalesce(array_agg(target_id), '{}')
          INTO pair_actors, pair_types, pair_targets FROM added;
        DELETE FROM position_totals t
         USING (SELECT DISTINCT a, tt, ti FROM unnest(pair_actors, pair_types, pair_targets) AS u(a, tt, ti)) k
         WHERE t.actor_id = k.a AND t.target_type = k.tt AND t.target_id = k.ti;
        INSERT INTO position_totals (actor_id, target_type, target_id, ${STAT_NAMES})
        SELECT m.actor_id, m.target_type, m.target_id, ${STATS_OF_MONTHS}
          FROM (SELECT DISTINCT a, tt, ti FROM unnest(pair_actors, pair_types, pair_targets) AS u(a, tt, ti)) k
          JOIN position_months m ON m.actor_id = k.a AND m.target_type = k.tt AND m.target_id = k.ti
         GROUP BY 1, 2, 3;
      END
      $fn$`);

    await q.query(`
      CREATE FUNCTION stance_positions_rebuild() RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        LOCK TABLE position_months, position_totals IN EXCLUSIVE MODE;
        TRUNCATE position_months, position_totals;
        INSERT INTO position_months (actor_id, target_type, target_id, month, ${STAT_NAMES})
        SELECT s.actor_id, ${TARGET_OF_STANCE}, date_trunc('month', s.said_on)::date, ${STATS_OF_STANCES}
          FROM statements s
          JOIN stances st ON st.statement_id = s.id
         WHERE s.deleted_at IS NULL
         GROUP BY 1, 2, 3, 4;
        INSERT INTO position_totals (actor_id, target_type, target_id, ${STAT_NAMES})
        SELECT m.actor_id, m.target_type, m.target_id, ${STATS_OF_MONTHS}
          FROM position_months m
         GROUP BY 1, 2, 3;
      END
      $fn$`);

    // A new statement has no stances yet, so inserts into statements need no trigger; a hard
    // delete cascades to its stances after the statement row is gone, hence the slices come from
    // the deleted statements themselves.
    await q.query(`
      CREATE FUNCTION stance_positions_statements_changed() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor_ids uuid[];
        months date[];
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          SELECT array_agg(k.a), array_agg(k.m) INTO actor_ids, months FROM (
            SELECT o.actor_id AS a, date_trunc('month', o.said_on)::date AS m, n.actor_id AS na, date_trunc('month', n.said_on)::date AS nm
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.actor_id, o.said_on, o.status, o.deleted_at IS NULL, o.created_at)
                   IS DISTINCT FROM (n.actor_id, n.said_on, n.status, n.deleted_at IS NULL, n.created_at)
          ) c CROSS JOIN LATERAL (VALUES (c.a, c.m), (c.na, c.nm)) AS k(a, m);
        ELSE
          SELECT array_agg(o.actor_id), array_agg(date_trunc('month', o.said_on)::date) INTO actor_ids, months FROM old_rows o;
        END IF;
        IF actor_ids IS NOT NULL THEN
          PERFORM stance_positions_refresh(actor_ids, months);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_positions_stances_changed() RETURNS trigger
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      DECLARE
        actor_ids uuid[];
        months date[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(s.actor_id), array_agg(date_trunc('month', s.said_on)::date) INTO actor_ids, months
            FROM (SELECT DISTINCT statement_id FROM new_rows) c JOIN statements s ON s.id = c.statement_id;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(s.actor_id), array_agg(date_trunc('month', s.said_on)::date) INTO actor_ids, months
            FROM (SELECT statement_id FROM old_rows UNION SELECT statement_id FROM new_rows) c JOIN statements s ON s.id = c.statement_id;
        ELSE
          SELECT array_agg(s.actor_id), array_agg(date_trunc('month', s.said_on)::date) INTO actor_ids, months
            FROM (SELECT DISTINCT statement_id FROM old_rows) c JOIN statements s ON s.id = c.statement_id;
        END IF;
        IF actor_ids IS NOT NULL THEN
          PERFORM stance_positions_refresh(actor_ids, months);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_positions_truncated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        TRUNCATE position_months, position_totals;
        RETURN NULL;
      END
      $fn$`);

    await q.query(`
      CREATE TRIGGER statements_positions_update AFTER UPDATE ON statements
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_statements_changed()`);
    await q.query(`
      CREATE TRIGGER statements_positions_delete AFTER DELETE ON statements
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_statements_changed()`);
    await q.query(`
      CREATE TRIGGER stances_positions_insert AFTER INSERT ON stances
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_stances_changed()`);
    await q.query(`
      CREATE TRIGGER stances_positions_update AFTER UPDATE ON stances
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_stances_changed()`);
    await q.query(`
      CREATE TRIGGER stances_positions_delete AFTER DELETE ON stances
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_stances_changed()`);
    for (const table of ['statements', 'stances']) {
      await q.query(
        `CREATE TRIGGER ${table}_positions_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION stance_positions_truncated()`,
      );
    }

    await q.query(`SELECT stance_positions_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['statements_positions_update', 'statements'],
      ['statements_positions_delete', 'statements'],
      ['statements_positions_truncate', 'statements'],
      ['stances_positions_insert', 'stances'],
      ['stances_positions_update', 'stances'],
      ['stances_positions_delete', 'stances'],
      ['stances_positions_truncate', 'stances'],
    ]) {
      await q.query(`DROP TRIGGER ${trigger} ON ${table}`);
    }
    for (const fn of [
      'stance_positions_truncated()',
      'stance_positions_stances_changed()',
      'stance_positions_statements_changed()',
      'stance_positions_rebuild()',
      'stance_positions_refresh(uuid[], date[])',
      'stance_position_key(date, timestamptz, uuid, smallint)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE position_totals`);
    await q.query(`DROP TABLE position_months`);
  }
}
