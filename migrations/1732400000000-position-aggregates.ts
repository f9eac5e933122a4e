import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Positions kept current on write. `position_months` holds, per actor spoken for, stance target,
 * calendar month and status, the count, sum, min and max of the stance values of live (not
 * soft-deleted) statements, and the sort key of the latest one. Statement-level triggers on
 * `statements` and `stances` recompute the (actor, month) slices a change touches from the live
 * rows, so a delete or a move never leaves a stale min, max or latest value behind.
 */
export class PositionAggregates1732400000000 implements MigrationInterface {
  name = 'PositionAggregates1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE position_months (
        actor_id uuid NOT NULL,
        target_actor_id uuid,
        target_topic_id uuid,
        month date NOT NULL CHECK (month = date_trunc('month', month)::date),
        status text NOT NULL,
        n integer NOT NULL CHECK (n > 0),
        total integer NOT NULL,
        min smallint NOT NULL,
        max smallint NOT NULL,
        latest text COLLATE "C" NOT NULL,
        CONSTRAINT position_months_one_target CHECK (num_nonnulls(target_actor_id, target_topic_id) = 1)
      )`);
    await q.query(`CREATE INDEX position_months_actor_idx ON position_months (actor_id, month)`);
    await q.query(
      `CREATE INDEX position_months_target_actor_idx ON position_months (target_actor_id, month) WHERE target_actor_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX position_months_target_topic_idx ON position_months (target_topic_id, month) WHERE target_topic_id IS NOT NULL`,
    );

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
        slice record;
      BEGIN
        -- Writers touching the same slice take turns (in a fixed order, so they cannot deadlock);
        -- each following statement then sees what the previous writer committed.
        FOR slice IN SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m) WHERE a IS NOT NULL ORDER BY a, m LOOP
          PERFORM pg_advisory_xact_lock(hashtextextended('stance_positions:' || slice.a || ':' || slice.m, 0));
        END LOOP;
        DELETE FROM position_months p
         USING (SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m)) k
         WHERE p.actor_id = k.a AND p.month = k.m;
        INSERT INTO position_months (actor_id, target_actor_id, target_topic_id, month, status, n, total, min, max, latest)
        SELECT s.actor_id, st.target_actor_id, st.target_topic_id, k.m, s.status,
               count(*), sum(st.value), min(st.value), max(st.value),
               max(stance_position_key(s.said_on, s.created_at, s.id, st.value))
          FROM (SELECT DISTINCT a, m FROM unnest(actor_ids, months) AS u(a, m) WHERE a IS NOT NULL) k
          JOIN statements s ON s.actor_id = k.a AND s.said_on >= k.m AND s.said_on < (k.m + interval '1 month')::date AND s.deleted_at IS NULL
          JOIN stances st ON st.statement_id = s.id
         GROUP BY s.actor_id, st.target_actor_id, st.target_topic_id, k.m, s.status;
      END
      $fn$`);

    await q.query(`
      CREATE FUNCTION stance_positions_rebuild() RETURNS void
      LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
      BEGIN
        LOCK TABLE position_months IN EXCLUSIVE MODE;
        TRUNCATE position_months;
        INSERT INTO position_months (actor_id, target_actor_id, target_topic_id, month, status, n, total, min, max, latest)
        SELECT s.actor_id, st.target_actor_id, st.target_topic_id, date_trunc('month', s.said_on)::date, s.status,
               count(*), sum(st.value), min(st.value), max(st.value),
               max(stance_position_key(s.said_on, s.created_at, s.id, st.value))
          FROM statements s
          JOIN stances st ON st.statement_id = s.id
         WHERE s.deleted_at IS NULL
         GROUP BY 1, 2, 3, 4, 5;
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
            SELECT o.actor_id AS a, date_trunc('month', o.said_on)::date AS m
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.actor_id, o.said_on, o.status, o.deleted_at IS NULL, o.created_at)
                   IS DISTINCT FROM (n.actor_id, n.said_on, n.status, n.deleted_at IS NULL, n.created_at)
            UNION
            SELECT n.actor_id, date_trunc('month', n.said_on)::date
              FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.actor_id, o.said_on, o.status, o.deleted_at IS NULL, o.created_at)
                   IS DISTINCT FROM (n.actor_id, n.said_on, n.status, n.deleted_at IS NULL, n.created_at)
          ) k;
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
        TRUNCATE position_months;
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
    await q.query(`DROP TABLE position_months`);
  }
}
