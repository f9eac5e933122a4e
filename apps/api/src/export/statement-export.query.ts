import type { StatementFilter } from '@stance/common';
import type { Sort } from '../common/list-query';
import { buildStatementWhere, isRanked, rankedOrderBy, statementOrderBy } from '../statements/statement-filter';

/**
 * The statement export: the rows and order of the statement list for the same filter and sort,
 * every reference both readable (names) and re-importable (slugs or ids). Cells are computed in
 * SQL, so the server only moves text. See README "CSV columns".
 */
export const STATEMENT_COLUMNS_BEFORE_TRANSLATIONS = [
  'id',
  'saidOn',
  'actor',
  'actorSlug',
  'actorPath',
  'speaker',
  'speakerSlug',
  'channel',
  'kind',
  'lang',
  'originalLang',
  'text',
] as const;
export const STATEMENT_COLUMNS_AFTER_TRANSLATIONS = [
  'sourceId',
  'sourceTitle',
  'sourceOutlet',
  'sourceUrl',
  'sourcePublishedAt',
  'eventId',
  'event',
  'topics',
  'topicSlugs',
  'tags',
  'tagSlugs',
  'stances',
  'status',
  'notes',
  'relatedIds',
  'createdAt',
  'updatedAt',
  'version',
] as const;

/** `translation_en`, … one column per language, in the order given. */
export const translationColumn = (lang: string) => `translation_${lang}`;

export function statementCsvHeader(languages: string[]): string[] {
  return [...STATEMENT_COLUMNS_BEFORE_TRANSLATIONS, ...languages.map(translationColumn), ...STATEMENT_COLUMNS_AFTER_TRANSLATIONS];
}

/** A timestamp as ISO 8601 UTC with milliseconds, as every export writes it. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Statement export SQL. Every query binds the filter first, so the same `params` serve them all. */
export class StatementExportQuery {
  private readonly params: unknown[] = [];
  private readonly where: string;
  private readonly order: string;
  /** In relevance order, rows carry `_recency` (see `rankedOrderBy`). */
  private readonly ranked: boolean;

  constructor(filter: StatementFilter, sort: Sort | null) {
    const where = buildStatementWhere(filter, this.params);
    this.where = where.sql;
    this.ranked = isRanked(sort, where.rank);
    this.order = this.ranked ? rankedOrderBy(where.rank!) : statementOrderBy(sort, where.rank);
  }

  /** The translation languages of the rows to export, sorted: one CSV column each. */
  languages(): { sql: string; params: unknown[] } {
    return {
      sql: `SELECT DISTINCT k.lang FROM statements s CROSS JOIN LATERAL jsonb_object_keys(s.translations) AS k(lang) WHERE ${this.where} ORDER BY 1`,
      params: this.params,
    };
  }

  /** One array per row, in the columns of `statementCsvHeader(languages)`. */
  csv(languages: string[]): { sql: string; params: unknown[] } {
    const params = [...this.params];
    const translations = languages.map((lang) => {
      params.push(lang);
      return `s.translations ->> $${params.length}::text`;
    });
    const columns = [
      's.id',
      `to_char(s.said_on, 'YYYY-MM-DD')`,
      'a.name',
      'a.slug',
      `array_to_string(a.path_names, ' > ')`,
      'sp.name',
      'sp.slug',
      's.channel',
      's.kind',
      's.lang',
      's.original_lang',
      's.text',
      ...translations,
      's.source_id',
      'src.title',
      'src.outlet',
      'src.url',
      `to_char(src.published_at, 'YYYY-MM-DD')`,
      's.event_id',
      'ev.name',
      `array_to_string(tp.names, '; ')`,
      `array_to_string(tp.slugs, '; ')`,
      `array_to_string(tg.names, '; ')`,
      `array_to_string(tg.slugs, '; ')`,
      `(SELECT string_agg(x.type || ':' || x.slug || ':' || CASE WHEN x.value > 0 THEN '+' ELSE '' END || x.value, '; ' ORDER BY x.type, x.slug)
          FROM (${STANCE_TARGETS}) x)`,
      's.status',
      's.notes',
      `(SELECT string_agg(r.id::text, '; ' ORDER BY r.id) FROM (${RELATED}) r)`,
      iso('s.created_at'),
      iso('s.updated_at'),
      's.version',
    ];
    return { sql: this.select(columns.join(',\n')), params };
  }

  /** One JSON object per row (as text): the statement's fields as the API names them, with names and slugs beside ids. */
  json(): { sql: string; params: unknown[] } {
    const object = `json_build_object(
      'id', s.id, 'text', s.text, 'lang', s.lang, 'translations', s.translations, 'originalLang', s.original_lang,
      'kind', s.kind, 'channel', s.channel,
      'speakerId', s.speaker_id, 'speakerName', sp.name, 'speakerSlug', sp.slug,
      'actorId', s.actor_id, 'actorName', a.name, 'actorSlug', a.slug, 'actorPath', to_json(a.path_names),
      'saidOn', to_char(s.said_on, 'YYYY-MM-DD'),
      'sourceId', s.source_id, 'sourceTitle', src.title, 'sourceOutlet', src.outlet, 'sourceUrl', src.url,
      'sourcePublishedAt', to_char(src.published_at, 'YYYY-MM-DD'),
      'eventId', s.event_id, 'eventName', ev.name,
      'topics', coalesce((SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ORDER BY t.slug)
                            FROM statement_topics x JOIN topics t ON t.id = x.topic_id WHERE x.statement_id = s.id), '[]'),
      'tags', coalesce((SELECT json_agg(json_build_object('id', g.id, 'slug', g.slug, 'name', g.name) ORDER BY g.slug)
                          FROM statement_tags x JOIN tags g ON g.id = x.tag_id WHERE x.statement_id = s.id), '[]'),
      'stances', coalesce((SELECT json_agg(json_build_object(
                              'targetActorId', x.target_actor_id, 'targetTopicId', x.target_topic_id, 'targetType', x.type,
                              'targetSlug', x.slug, 'targetName', x.name, 'value', x.value) ORDER BY x.type, x.slug)
                            FROM (${STANCE_TARGETS}) x), '[]'),
      'relatedIds', coalesce((SELECT json_agg(r.id ORDER BY r.id) FROM (${RELATED}) r), '[]'),
      'status', s.status, 'notes', s.notes, 'version', s.version,
      'createdAt', ${iso('s.created_at')}, 'updatedAt', ${iso('s.updated_at')})::text`;
    return { sql: this.select(object), params: this.params };
  }

  /**
   * The statements in list order first, then per row their names and links. Lookups are
   * per-row subqueries (kept whole by OFFSET 0, cached per actor by the planner's Memoize), so
   * rows stream out in index order as they are read, instead of all being joined and then sorted.
   */
  private select(columns: string): string {
    return `
      SELECT ${columns}
        FROM (${
          this.ranked
            ? `SELECT s.*, row_number() OVER (ORDER BY s.said_on DESC, s.id DESC) AS _recency FROM statements s WHERE ${this.where}`
            : `SELECT s.* FROM statements s WHERE ${this.where} ORDER BY ${this.order}`
        }) s
        LEFT JOIN LATERAL (
          SELECT a.name, a.slug, ARRAY(SELECT x.name FROM unnest(a.path) WITH ORDINALITY AS p(id, n) JOIN actors x ON x.id = p.id ORDER BY p.n) AS path_names
            FROM actors a WHERE a.id = s.actor_id OFFSET 0) a ON true
        LEFT JOIN LATERAL (SELECT name, slug FROM actors WHERE id = s.speaker_id OFFSET 0) sp ON true
        LEFT JOIN LATERAL (SELECT title, outlet, url, published_at FROM sources WHERE id = s.source_id OFFSET 0) src ON true
        LEFT JOIN LATERAL (SELECT name FROM events WHERE id = s.event_id OFFSET 0) ev ON true
        LEFT JOIN LATERAL (SELECT array_agg(t.name ORDER BY t.slug) AS names, array_agg(t.slug ORDER BY t.slug) AS slugs
                             FROM statement_topics x JOIN topics t ON t.id = x.topic_id WHERE x.statement_id = s.id) tp ON true
        LEFT JOIN LATERAL (SELECT array_agg(g.name ORDER BY g.slug) AS names, array_agg(g.slug ORDER BY g.slug) AS slugs
                             FROM statement_tags x JOIN tags g ON g.id = x.tag_id WHERE x.statement_id = s.id) tg ON true
       ORDER BY ${this.order}`;
  }
}

/** A statement's stances with their target's type, slug and name (looked up by primary key, not by joining whole tables). */
const STANCE_TARGETS = `
  SELECT x.target_actor_id, x.target_topic_id, x.value, t.type, t.slug, t.name
    FROM stances x
    CROSS JOIN LATERAL (
      SELECT 'actor' AS type, slug, name FROM actors WHERE id = x.target_actor_id
      UNION ALL SELECT 'topic', slug, name FROM topics WHERE id = x.target_topic_id) t
   WHERE x.statement_id = s.id`;

/** Ids of the live statements related to this one, either way. */
const RELATED = `
  SELECT o.id FROM (
    SELECT r.to_statement_id AS other FROM relations r WHERE r.from_statement_id = s.id
    UNION SELECT r.from_statement_id FROM relations r WHERE r.to_statement_id = s.id) r
  JOIN statements o ON o.id = r.other AND o.deleted_at IS NULL`;
