import { MigrationInterface, QueryRunner } from 'typeorm';

/** The path trigger of the initial schema, as it was: restored by `down`. */
const SET_PATH_BODY = `
      DECLARE
        parent actors%ROWTYPE;
      BEGIN
        IF NEW.parent_id IS NULL THEN
          NEW.path := ARRAY[NEW.id];
          RETURN NEW;
        END IF;
        SELECT * INTO parent FROM actors WHERE id = NEW.parent_id;
        IF NOT FOUND THEN
          RETURN NEW; -- the foreign key reports it
        END IF;
        IF parent.kind = 'person' THEN
          RAISE EXCEPTION 'a person cannot be the parent of an actor' USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_parent_not_person';
        END IF;
        IF NEW.id = ANY (parent.path) THEN
          RAISE EXCEPTION 'parent % would make a cycle', NEW.parent_id USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_no_cycle';
        END IF;
        NEW.path := parent.path || NEW.id;
        RETURN NEW;
      END`;

const TOPICS_NO_CYCLE_BODY = `
      BEGIN
        IF NEW.parent_id IS NOT NULL AND EXISTS (
          WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM topics WHERE id = NEW.parent_id
            UNION SELECT t.id, t.parent_id FROM topics t JOIN up ON t.id = up.parent_id
          ) SELECT 1 FROM up WHERE id = NEW.id) THEN
          RAISE EXCEPTION 'parent % would make a cycle', NEW.parent_id USING ERRCODE = 'check_violation', CONSTRAINT = 'topics_no_cycle';
        END IF;
        RETURN NEW;
      END`;

/** A statement's labels as computed from their sources (the query of migration 1732600000000). */
const LABELS_EXPECTED = `
  SELECT s.id AS statement_id, a.name AS actor_name,
         (SELECT array_agg((SELECT x.name FROM actors x WHERE x.id = p.id) ORDER BY p.n) FROM unnest(a.path) WITH ORDINALITY AS p(id, n)) AS actor_path,
         sp.name AS speaker_name, src.outlet AS source_outlet, src.title AS source_title, ev.name AS event_name,
         coalesce(f_tp.ids, '[]') AS topic_ids, coalesce(f_tp.list, '[]') AS topics,
         coalesce(f_tg.ids, '[]') AS tag_ids, coalesce(f_tg.list, '[]') AS tags,
         coalesce(f_sn.list, '[]') AS stances
    FROM statements s
    JOIN actors a ON a.id = s.actor_id
    LEFT JOIN actors sp ON sp.id = s.speaker_id
    LEFT JOIN sources src ON src.id = s.source_id
    LEFT JOIN events ev ON ev.id = s.event_id
    CROSS JOIN LATERAL (SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name, t.id) AS list,
                               json_agg(t.id ORDER BY t.name, t.id) AS ids
                          FROM (SELECT st.topic_id AS id, (SELECT t.name FROM topics t WHERE t.id = st.topic_id) AS name
                                  FROM statement_topics st WHERE st.statement_id = s.id OFFSET 0) t) f_tp
    CROSS JOIN LATERAL (SELECT json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name, g.id) AS list,
                               json_agg(g.id ORDER BY g.name, g.id) AS ids
                          FROM (SELECT sg.tag_id AS id, (SELECT g.name FROM tags g WHERE g.id = sg.tag_id) AS name
                                  FROM statement_tags sg WHERE sg.statement_id = s.id OFFSET 0) g) f_tg
    CROSS JOIN LATERAL (SELECT json_agg(json_build_object(
                                 'id', x.id, 'targetActorId', x.target_actor_id, 'targetTopicId', x.target_topic_id, 'value', x.value,
                                 'targetType', CASE WHEN x.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END,
                                 'targetName', x.target_name) ORDER BY x.target_name, x.id) AS list
                          FROM (SELECT x.*, coalesce((SELECT ta.name FROM actors ta WHERE ta.id = x.target_actor_id),
                                                     (SELECT tt.name FROM topics tt WHERE tt.id = x.target_topic_id)) AS target_name
                                  FROM stances x WHERE x.statement_id = s.id OFFSET 0) x) f_sn`;

const STATUSES = ['published', 'draft'];
/** Per status: count, sum, min, max and latest key of the stances of live statements (as migration 1732400000000 keeps them). */
const STATS_OF_STANCES = STATUSES.map((s) => {
  const only = `FILTER (WHERE s.status = '${s}')`;
  return `(count(*) ${only})::integer AS ${s}_n, coalesce(sum(st.value) ${only}, 0)::integer AS ${s}_total, min(st.value) ${only} AS ${s}_min,
          max(st.value) ${only} AS ${s}_max, max(stance_position_key(s.said_on, s.created_at, s.id, st.value) COLLATE "C") ${only} AS ${s}_latest`;
}).join(',\n');
const TARGET_OF_STANCE = `CASE WHEN st.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END AS target_type,
  coalesce(st.target_actor_id, st.target_topic_id) AS target_id`;

/**
 * Moves in the actor and topic hierarchies take turns. A move computed its paths (or checked for a
 * cycle) from what it read before a concurrent move committed: X moved under P while P moved under
 * Q kept X's path without Q, and three crossing moves could close a cycle. Now the path trigger of
 * actors and the cycle trigger of topics first take a transaction-scoped advisory lock of their
 * hierarchy (`stance_hierarchy_lock`): exclusive for a move, shared for a new actor placed under a
 * parent (new actors do not conflict with each other, only with a move of their ancestors). The
 * trigger's queries run after the lock is held, so they read every move committed before.
 *
 * Also what the consistency check (`npm run db:check`, apps/api/src/database/derived-data.ts) compares
 * with: functions that compute what each derived table should hold from its sources, and a rebuild
 * of actor paths.
 */
export class HierarchyMoves1732900000000 implements MigrationInterface {
  name = 'HierarchyMoves1732900000000';

  async up(q: QueryRunner): Promise<void> {
    // 'try' answers whether the exclusive lock was free at once, without waiting.
    await q.query(`
      CREATE FUNCTION stance_hierarchy_lock(hierarchy text, mode text) RETURNS boolean LANGUAGE plpgsql AS $fn$
      DECLARE
        key integer := hashtext('stance_hierarchy:' || hierarchy);
      BEGIN
        CASE mode
          WHEN 'exclusive' THEN PERFORM pg_advisory_xact_lock(key);
          WHEN 'shared' THEN PERFORM pg_advisory_xact_lock_shared(key);
          WHEN 'try' THEN RETURN pg_try_advisory_xact_lock(key);
        END CASE;
        RETURN true;
      END $fn$`);
    // Each query of a trigger function reads what was committed when it starts: here, after the lock.
    await q.query(`
      CREATE OR REPLACE FUNCTION stance_actors_set_path() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        parent actors%ROWTYPE;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id AND NEW.id = OLD.id THEN
            RETURN NEW; -- not a move: the path stays as the moves of its ancestors keep it
          END IF;
          PERFORM stance_hierarchy_lock('actors', 'exclusive');
        ELSIF NEW.parent_id IS NOT NULL THEN
          PERFORM stance_hierarchy_lock('actors', 'shared');
        END IF;
        IF NEW.parent_id IS NULL THEN
          NEW.path := ARRAY[NEW.id];
          RETURN NEW;
        END IF;
        SELECT * INTO parent FROM actors WHERE id = NEW.parent_id;
        IF NOT FOUND THEN
          RETURN NEW; -- the foreign key reports it
        END IF;
        IF parent.kind = 'person' THEN
          RAISE EXCEPTION 'a person cannot be the parent of an actor' USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_parent_not_person';
        END IF;
        IF NEW.id = ANY (parent.path) THEN
          RAISE EXCEPTION 'parent % would make a cycle', NEW.parent_id USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_no_cycle';
        END IF;
        NEW.path := parent.path || NEW.id;
        RETURN NEW;
      END $fn$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION stance_topics_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT NULL AND NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN
          PERFORM stance_hierarchy_lock('topics', 'exclusive');
        END IF;
        IF NEW.parent_id IS NOT NULL AND EXISTS (
          WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM topics WHERE id = NEW.parent_id
            UNION SELECT t.id, t.parent_id FROM topics t JOIN up ON t.id = up.parent_id
          ) SELECT 1 FROM up WHERE id = NEW.id) THEN
          RAISE EXCEPTION 'parent % would make a cycle', NEW.parent_id USING ERRCODE = 'check_violation', CONSTRAINT = 'topics_no_cycle';
        END IF;
        RETURN NEW;
      END $fn$`);

    // What the derived tables should hold, computed from their sources (SQL functions, inlined where called).
    const expected = (name: string, returns: string, body: string) =>
      q.query(`CREATE FUNCTION ${name}() RETURNS ${returns} LANGUAGE sql STABLE AS $fn$ ${body} $fn$`);
    const tree = (table: string) => `
      WITH RECURSIVE tree(id, path) AS (
        SELECT id, ARRAY[id] FROM ${table} WHERE parent_id IS NULL
        UNION ALL SELECT x.id, tree.path || x.id FROM ${table} x JOIN tree ON x.parent_id = tree.id
      ) SELECT id, path FROM tree`;
    await expected('stance_expected_actor_paths', 'TABLE (id uuid, path uuid[])', tree('actors'));
    await expected('stance_expected_topic_paths', 'TABLE (id uuid, path uuid[])', tree('topics'));
    await expected('stance_expected_statement_labels', 'SETOF statement_labels', LABELS_EXPECTED);
    await expected(
      'stance_expected_position_months',
      'SETOF position_months',
      `SELECT s.actor_id, ${TARGET_OF_STANCE}, date_trunc('month', s.said_on)::date, ${STATS_OF_STANCES}
         FROM statements s JOIN stances st ON st.statement_id = s.id
        WHERE s.deleted_at IS NULL
        GROUP BY 1, 2, 3, 4`,
    );
    await expected(
      'stance_expected_position_totals',
      'SETOF position_totals',
      `SELECT s.actor_id, ${TARGET_OF_STANCE}, ${STATS_OF_STANCES}
         FROM statements s JOIN stances st ON st.statement_id = s.id
        WHERE s.deleted_at IS NULL
        GROUP BY 1, 2, 3`,
    );

    // Actors in a cycle have no path from a root and are left as they are (the check reports them).
    await q.query(`
      CREATE FUNCTION stance_actors_rebuild_paths() RETURNS integer LANGUAGE plpgsql AS $fn$
      DECLARE
        fixed integer;
      BEGIN
        PERFORM stance_hierarchy_lock('actors', 'exclusive');
        UPDATE actors a SET path = e.path FROM stance_expected_actor_paths() e WHERE e.id = a.id AND a.path IS DISTINCT FROM e.path;
        GET DIAGNOSTICS fixed = ROW_COUNT;
        RETURN fixed;
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION stance_actors_rebuild_paths()`);
    for (const name of ['position_totals', 'position_months', 'statement_labels', 'topic_paths', 'actor_paths']) {
      await q.query(`DROP FUNCTION stance_expected_${name}()`);
    }
    await q.query(
      `CREATE OR REPLACE FUNCTION stance_topics_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $fn$${TOPICS_NO_CYCLE_BODY}$fn$`,
    );
    await q.query(`CREATE OR REPLACE FUNCTION stance_actors_set_path() RETURNS trigger LANGUAGE plpgsql AS $fn$${SET_PATH_BODY}$fn$`);
    await q.query(`DROP FUNCTION stance_hierarchy_lock(text, text)`);
  }
}
