import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole data model of the contract. Invalid data is refused by the database itself:
 * foreign keys, CHECKs on every enumerated value and on stance values, unique slugs, and
 * triggers for the rules a CHECK cannot express (hierarchy without cycles, persons outside it).
 */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Search normalisation: Arabic hamza seats, alef maqsura, taa marbuta, Persian yeh/keheh,
    // diacritics, Quranic marks, tatweel and invisible direction marks; then lower case.
    await q.query(`
      CREATE FUNCTION stance_normalize(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        SELECT lower(translate(
          regexp_replace(input, '[\\u0610-\\u061A\\u061C\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E8\\u06EA-\\u06ED\\u0640\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]', '', 'g'),
          'أإآٱؤئىیکةء', 'ااااويييكه'))
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_ts_config(lang text) RETURNS regconfig
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT CASE lower(split_part(coalesce(lang, ''), '-', 1))
          WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
          WHEN 'en' THEN 'pg_catalog.english'::regconfig
          WHEN 'tr' THEN 'pg_catalog.turkish'::regconfig
          WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
          WHEN 'hy' THEN 'pg_catalog.armenian'::regconfig
          ELSE 'pg_catalog.simple'::regconfig END
      $fn$`);
    // A statement's document: its text (weight A) and each translation (weight B), each stemmed
    // in its own language and also kept unstemmed ('simple') so exact word forms always match.
    await q.query(`
      CREATE FUNCTION stance_document(lang text, body text, translations jsonb) RETURNS tsvector
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
      DECLARE
        doc tsvector;
        tr record;
      BEGIN
        doc := setweight(to_tsvector(stance_ts_config(lang), stance_normalize(coalesce(body, ''))), 'A')
            || setweight(to_tsvector('pg_catalog.simple', stance_normalize(coalesce(body, ''))), 'A');
        FOR tr IN SELECT key, value FROM jsonb_each_text(CASE WHEN jsonb_typeof(translations) = 'object' THEN translations ELSE '{}'::jsonb END) LOOP
          doc := doc
            || setweight(to_tsvector(stance_ts_config(tr.key), stance_normalize(tr.value)), 'B')
            || setweight(to_tsvector('pg_catalog.simple', stance_normalize(tr.value)), 'B');
        END LOOP;
        RETURN doc;
      END
      $fn$`);
    // Every name of an actor (or topic) in one normalised string, for trigram search.
    await q.query(`
      CREATE FUNCTION stance_names_text(name text, names jsonb, aliases text[]) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $fn$
      DECLARE
        acc text := coalesce(name, '');
        v text;
      BEGIN
        FOR v IN SELECT value FROM jsonb_each_text(CASE WHEN jsonb_typeof(names) = 'object' THEN names ELSE '{}'::jsonb END) LOOP acc := acc || ' | ' || v; END LOOP;
        IF aliases IS NOT NULL THEN
          FOREACH v IN ARRAY aliases LOOP acc := acc || ' | ' || v; END LOOP;
        END IF;
        RETURN stance_normalize(acc);
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END
      $fn$`);

    const slug = (col = 'slug') => `CHECK (${col} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(${col}) <= 120)`;
    const lang = (col: string) => `CHECK (${col} ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')`;
    const langMap = (col: string) => `CHECK (jsonb_typeof(${col}) = 'object')`;
    const timestamps = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$' AND char_length(email) <= 254),
        name text NOT NULL DEFAULT '' CHECK (char_length(name) <= 200),
        role text NOT NULL CHECK (role IN ('analyst', 'editor', 'admin')),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        ${timestamps}
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE actors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL ${slug()},
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
        names jsonb NOT NULL DEFAULT '{}' ${langMap('names')},
        aliases text[] NOT NULL DEFAULT '{}',
        kind text NOT NULL CHECK (kind IN ('state', 'government_body', 'person', 'armed_group', 'de_facto_authority', 'international_org', 'other')),
        parent_id uuid REFERENCES actors (id) ON DELETE RESTRICT,
        path uuid[] NOT NULL,
        description text CHECK (char_length(description) <= 5000),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ${timestamps},
        search_text text GENERATED ALWAYS AS (stance_names_text(name, names, aliases)) STORED,
        CONSTRAINT actors_slug_key UNIQUE (slug),
        CONSTRAINT actors_person_outside_hierarchy CHECK (kind <> 'person' OR parent_id IS NULL),
        CONSTRAINT actors_not_own_parent CHECK (parent_id <> id),
        CONSTRAINT actors_path_ends_with_self CHECK (path[cardinality(path)] = id)
      )`);
    await q.query(`CREATE INDEX actors_parent_idx ON actors (parent_id)`);
    await q.query(`CREATE INDEX actors_path_idx ON actors USING gin (path)`);
    await q.query(`CREATE INDEX actors_search_trgm_idx ON actors USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX actors_kind_name_idx ON actors (kind, name)`);
    // The materialised path: root..self ids, kept by triggers; a parent inside one's own subtree is a cycle.
    await q.query(`
      CREATE FUNCTION stance_actors_set_path() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_actors_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE actors
           SET path = NEW.path || path[array_position(path, NEW.id) + 1:]
         WHERE path @> ARRAY[NEW.id] AND id <> NEW.id;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER actors_set_path BEFORE INSERT OR UPDATE OF parent_id, id ON actors
      FOR EACH ROW EXECUTE FUNCTION stance_actors_set_path()`);
    await q.query(`
      CREATE TRIGGER actors_move_subtree AFTER UPDATE OF parent_id ON actors
      FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION stance_actors_move_subtree()`);
    await q.query(`CREATE TRIGGER actors_touch BEFORE UPDATE ON actors FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE actor_roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
        started_on date,
        ended_on date,
        CONSTRAINT actor_roles_dates CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on),
        CONSTRAINT actor_roles_not_self CHECK (person_id <> actor_id)
      )`);
    await q.query(`CREATE INDEX actor_roles_person_idx ON actor_roles (person_id, started_on)`);
    await q.query(`CREATE INDEX actor_roles_actor_idx ON actor_roles (actor_id)`);

    // Kinds that a CHECK on one row cannot see: roles link a person to a body; a person has no children.
    await q.query(`
      CREATE FUNCTION stance_check_actor_kind(actor uuid, must_be_person boolean, constraint_name text) RETURNS void
      LANGUAGE plpgsql AS $fn$
      DECLARE
        k text;
      BEGIN
        IF actor IS NULL THEN RETURN; END IF;
        SELECT kind INTO k FROM actors WHERE id = actor;
        IF NOT FOUND THEN RETURN; END IF; -- the foreign key reports it
        IF must_be_person AND k <> 'person' THEN
          RAISE EXCEPTION 'actor % is not a person', actor USING ERRCODE = 'check_violation', CONSTRAINT = constraint_name;
        ELSIF NOT must_be_person AND k = 'person' THEN
          RAISE EXCEPTION 'actor % is a person; a body or group is required', actor USING ERRCODE = 'check_violation', CONSTRAINT = constraint_name;
        END IF;
      END
      $fn$`);
    await q.query(`
      CREATE FUNCTION stance_actor_roles_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM stance_check_actor_kind(NEW.person_id, true, 'actor_roles_person_is_person');
        PERFORM stance_check_actor_kind(NEW.actor_id, false, 'actor_roles_actor_not_person');
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER actor_roles_check BEFORE INSERT OR UPDATE ON actor_roles
      FOR EACH ROW EXECUTE FUNCTION stance_actor_roles_check()`);

    await q.query(`
      CREATE TABLE topics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL ${slug()},
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
        names jsonb NOT NULL DEFAULT '{}' ${langMap('names')},
        parent_id uuid REFERENCES topics (id) ON DELETE RESTRICT,
        description text CHECK (char_length(description) <= 5000),
        ${timestamps},
        search_text text GENERATED ALWAYS AS (stance_names_text(name, names, NULL)) STORED,
        CONSTRAINT topics_slug_key UNIQUE (slug),
        CONSTRAINT topics_not_own_parent CHECK (parent_id <> id)
      )`);
    await q.query(`CREATE INDEX topics_parent_idx ON topics (parent_id)`);
    await q.query(`CREATE INDEX topics_search_trgm_idx ON topics USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE FUNCTION stance_topics_no_cycle() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.parent_id IS NOT NULL AND EXISTS (
          WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM topics WHERE id = NEW.parent_id
            UNION SELECT t.id, t.parent_id FROM topics t JOIN up ON t.id = up.parent_id
          ) SELECT 1 FROM up WHERE id = NEW.id) THEN
          RAISE EXCEPTION 'parent % would make a cycle', NEW.parent_id USING ERRCODE = 'check_violation', CONSTRAINT = 'topics_no_cycle';
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await q.query(
      `CREATE TRIGGER topics_no_cycle BEFORE INSERT OR UPDATE OF parent_id ON topics FOR EACH ROW EXECUTE FUNCTION stance_topics_no_cycle()`,
    );
    await q.query(`CREATE TRIGGER topics_touch BEFORE UPDATE ON topics FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL ${slug()},
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        ${timestamps},
        CONSTRAINT tags_slug_key UNIQUE (slug)
      )`);
    await q.query(`CREATE INDEX tags_name_trgm_idx ON tags USING gin (stance_normalize(name || ' ' || slug) gin_trgm_ops)`);
    await q.query(`CREATE TRIGGER tags_touch BEFORE UPDATE ON tags FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
        names jsonb NOT NULL DEFAULT '{}' ${langMap('names')},
        start_date date,
        end_date date,
        description text CHECK (char_length(description) <= 5000),
        ${timestamps},
        search_text text GENERATED ALWAYS AS (stance_names_text(name, names, NULL)) STORED,
        CONSTRAINT events_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX events_start_idx ON events (start_date)`);
    await q.query(`CREATE INDEX events_search_trgm_idx ON events USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE TRIGGER events_touch BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 1000),
        outlet text CHECK (char_length(outlet) <= 300),
        url text CHECK (char_length(url) <= 2000 AND url ~* '^https?://'),
        published_at date,
        lang text ${lang('lang')},
        credit text CHECK (char_length(credit) <= 300),
        body text CHECK (char_length(body) <= 1000000),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ${timestamps}
      )`);
    await q.query(`CREATE INDEX sources_published_idx ON sources (published_at DESC)`);
    await q.query(
      `CREATE INDEX sources_search_trgm_idx ON sources USING gin (stance_normalize(title || ' ' || coalesce(outlet, '')) gin_trgm_ops)`,
    );
    await q.query(`CREATE TRIGGER sources_touch BEFORE UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE statements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL CHECK (char_length(btrim(text)) >= 1 AND char_length(text) <= 20000),
        lang text NOT NULL ${lang('lang')},
        translations jsonb NOT NULL DEFAULT '{}' ${langMap('translations')},
        original_lang text ${lang('original_lang')},
        kind text NOT NULL CHECK (kind IN ('quote', 'paraphrase')),
        channel text NOT NULL DEFAULT 'statement' CHECK (channel IN ('statement', 'press_conference', 'social_media', 'interview', 'speech', 'other')),
        speaker_id uuid REFERENCES actors (id) ON DELETE RESTRICT,
        actor_id uuid NOT NULL REFERENCES actors (id) ON DELETE RESTRICT,
        said_on date NOT NULL,
        source_id uuid REFERENCES sources (id) ON DELETE RESTRICT,
        event_id uuid REFERENCES events (id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        notes text CHECK (char_length(notes) <= 10000),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ${timestamps},
        deleted_at timestamptz,
        search tsvector GENERATED ALWAYS AS (stance_document(lang, text, translations)) STORED
      )`);
    const live = 'WHERE deleted_at IS NULL';
    await q.query(`CREATE INDEX statements_said_idx ON statements (said_on DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX statements_actor_said_idx ON statements (actor_id, said_on DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX statements_speaker_said_idx ON statements (speaker_id, said_on DESC) ${live}`);
    await q.query(`CREATE INDEX statements_source_idx ON statements (source_id) ${live}`);
    await q.query(`CREATE INDEX statements_event_idx ON statements (event_id) ${live}`);
    await q.query(`CREATE INDEX statements_created_idx ON statements (created_at DESC, id DESC) ${live}`);
    await q.query(`CREATE INDEX statements_deleted_idx ON statements (deleted_at DESC) WHERE deleted_at IS NOT NULL`);
    await q.query(`CREATE INDEX statements_search_idx ON statements USING gin (search) ${live}`);
    await q.query(`CREATE INDEX statements_text_trgm_idx ON statements USING gin (stance_normalize(text) gin_trgm_ops) ${live}`);
    await q.query(`
      CREATE FUNCTION stance_statements_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        PERFORM stance_check_actor_kind(NEW.actor_id, false, 'statements_actor_not_person');
        PERFORM stance_check_actor_kind(NEW.speaker_id, true, 'statements_speaker_is_person');
        RETURN NEW;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER statements_check BEFORE INSERT OR UPDATE OF actor_id, speaker_id ON statements
      FOR EACH ROW EXECUTE FUNCTION stance_statements_check()`);
    await q.query(`CREATE TRIGGER statements_touch BEFORE UPDATE ON statements FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);
    // An actor that speaks for statements or has children cannot become a person.
    await q.query(`
      CREATE FUNCTION stance_actors_kind_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.kind = 'person' AND OLD.kind <> 'person' THEN
          IF EXISTS (SELECT 1 FROM actors WHERE parent_id = NEW.id)
             OR EXISTS (SELECT 1 FROM statements WHERE actor_id = NEW.id)
             OR EXISTS (SELECT 1 FROM actor_roles WHERE actor_id = NEW.id) THEN
            RAISE EXCEPTION 'actor % is a parent, a role or the actor of statements; it cannot be a person', NEW.id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_person_outside_hierarchy';
          END IF;
        ELSIF OLD.kind = 'person' AND NEW.kind <> 'person' THEN
          IF EXISTS (SELECT 1 FROM statements WHERE speaker_id = NEW.id)
             OR EXISTS (SELECT 1 FROM actor_roles WHERE person_id = NEW.id) THEN
            RAISE EXCEPTION 'actor % is a speaker or has roles; it must stay a person', NEW.id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'actors_person_kind_locked';
          END IF;
        END IF;
        RETURN NEW;
      END
      $fn$`);
    await q.query(
      `CREATE TRIGGER actors_kind_change BEFORE UPDATE OF kind ON actors FOR EACH ROW EXECUTE FUNCTION stance_actors_kind_change()`,
    );

    await q.query(`
      CREATE TABLE statement_topics (
        statement_id uuid NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        topic_id uuid NOT NULL REFERENCES topics (id) ON DELETE RESTRICT,
        PRIMARY KEY (statement_id, topic_id)
      )`);
    await q.query(`CREATE INDEX statement_topics_topic_idx ON statement_topics (topic_id, statement_id)`);
    await q.query(`
      CREATE TABLE statement_tags (
        statement_id uuid NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE RESTRICT,
        PRIMARY KEY (statement_id, tag_id)
      )`);
    await q.query(`CREATE INDEX statement_tags_tag_idx ON statement_tags (tag_id, statement_id)`);

    await q.query(`
      CREATE TABLE stances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        target_actor_id uuid REFERENCES actors (id) ON DELETE RESTRICT,
        target_topic_id uuid REFERENCES topics (id) ON DELETE RESTRICT,
        value smallint NOT NULL CONSTRAINT stances_value_range CHECK (value BETWEEN -2 AND 2),
        CONSTRAINT stances_one_target CHECK (num_nonnulls(target_actor_id, target_topic_id) = 1)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX stances_statement_actor_key ON stances (statement_id, target_actor_id) WHERE target_actor_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX stances_statement_topic_key ON stances (statement_id, target_topic_id) WHERE target_topic_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX stances_target_actor_idx ON stances (target_actor_id, value) WHERE target_actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX stances_target_topic_idx ON stances (target_topic_id, value) WHERE target_topic_id IS NOT NULL`);
    await q.query(`CREATE INDEX stances_statement_idx ON stances (statement_id)`);

    await q.query(`
      CREATE TABLE relations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_statement_id uuid NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        to_statement_id uuid NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('responds_to', 'contradicts', 'supports', 'repeats', 'clarifies')),
        note text CHECK (char_length(note) <= 2000),
        ${timestamps},
        CONSTRAINT relations_not_self CHECK (from_statement_id <> to_statement_id),
        CONSTRAINT relations_unique UNIQUE (from_statement_id, to_statement_id, type)
      )`);
    await q.query(`CREATE INDEX relations_to_idx ON relations (to_statement_id)`);
    await q.query(`CREATE TRIGGER relations_touch BEFORE UPDATE ON relations FOR EACH ROW EXECUTE FUNCTION stance_touch_updated_at()`);

    await q.query(`
      CREATE TABLE audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
        entity_type text NOT NULL CHECK (entity_type IN ('actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users')),
        entity_id uuid NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object')
      )`);
    await q.query(`CREATE INDEX audit_entity_idx ON audit (entity_type, entity_id, at DESC)`);
    await q.query(`CREATE INDEX audit_user_idx ON audit (user_id, at DESC)`);
    await q.query(`CREATE INDEX audit_at_idx ON audit (at DESC, id DESC)`);

    // Server-side settings that every API instance must share (e.g. the token signing key).
    await q.query(`CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'settings',
      'audit',
      'relations',
      'stances',
      'statement_tags',
      'statement_topics',
      'statements',
      'sources',
      'events',
      'tags',
      'topics',
      'actor_roles',
      'actors',
      'users',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    for (const fn of [
      'stance_actors_kind_change()',
      'stance_statements_check()',
      'stance_topics_no_cycle()',
      'stance_actor_roles_check()',
      'stance_check_actor_kind(uuid, boolean, text)',
      'stance_actors_move_subtree()',
      'stance_actors_set_path()',
      'stance_touch_updated_at()',
      'stance_names_text(text, jsonb, text[])',
      'stance_document(text, text, jsonb)',
      'stance_ts_config(text)',
      'stance_normalize(text)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
