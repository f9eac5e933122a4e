import { STATEMENT_KINDS, STATUSES, type StatementFilter } from '@stance/common';
import { FilterSchema, ListSpec, orderBy, parseFilterParam, Sort, StanceRange } from '../common/list-query';
import { and, bind, containsPattern, nameMatches } from '../common/sql';
import { isDropped } from '../common/text-normalize';

/**
 * The statement filter of the contract, shared by the statement list, positions and exports.
 * SQL convention: the statements table is aliased `s`; helper aliases start with `f_`.
 */

export const STATEMENT_FILTER_SCHEMA: FilterSchema = {
  q: 'text',
  mention: 'text',
  id: 'uuid',
  actorId: 'uuid',
  speakerId: 'uuid',
  targetActorId: 'uuid',
  targetTopicId: 'uuid',
  topicId: 'uuid',
  tagId: 'uuid',
  eventId: 'uuid',
  sourceId: 'uuid',
  stance: 'stance',
  saidFrom: 'date',
  saidTo: 'date',
  lang: 'lang',
  kind: STATEMENT_KINDS,
  status: STATUSES,
  actorOnly: 'boolean',
  targetOnly: 'boolean',
};

/** Sortable fields of statements. `relevance` ranks by `q` (the default order when `q` is given and no sort is). */
export const STATEMENT_SORT: Record<string, string> = {
  id: 's.id',
  saidOn: 's.said_on',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
  status: 's.status',
  kind: 's.kind',
  lang: 's.lang',
  channel: 's.channel',
  actorName: '(SELECT f_sa.name FROM actors f_sa WHERE f_sa.id = s.actor_id)',
  // The path the admin's list shows (`Armenia › Government of Armenia`), step by step.
  actorPath: '(SELECT f_sl.actor_path FROM statement_labels f_sl WHERE f_sl.statement_id = s.id)',
  relevance: 's.said_on',
};

export const DEFAULT_STATEMENT_SORT: Sort = { field: 'saidOn', order: 'DESC' };

/** A filter as parsed and validated from `?filter=<json>`; `extra` adds keys of one route (e.g. positions' `rollup`). */
export function parseStatementFilter<F extends StatementFilter = StatementFilter>(
  query: Record<string, unknown>,
  extra: FilterSchema = {},
): F {
  return parseFilterParam<F>(query, { ...STATEMENT_FILTER_SCHEMA, ...extra });
}

export interface StatementWhere {
  /** A boolean SQL expression over `s`; soft-deleted statements never match. */
  sql: string;
  /** The bind values, `$1`…, including those the caller passed in. */
  params: unknown[];
  /** `ts_rank_cd(...)` of the full-text `q`, or null when there is none. */
  rank: string | null;
}

/** Queries of at most this many letters match as substrings; a word index cannot find parts of words. */
export const SHORT_QUERY_LENGTH = 2;

/**
 * The WHERE clause for a statement filter, every key combinable. Values are bound into `params`
 * (appended, so the caller may bind its own values before or after).
 */
export function buildStatementWhere(
  filter: StatementFilter,
  params: unknown[] = [],
  options: { deleted?: 'exclude' | 'only' } = {},
): StatementWhere {
  const where: string[] = [options.deleted === 'only' ? 's.deleted_at IS NOT NULL' : 's.deleted_at IS NULL'];
  const ids = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);
  const subtree = (value: string[]) => `SELECT f_a.id FROM actors f_a WHERE f_a.path && ${bind(params, value, 'uuid[]')}`;
  const only = (value: string[]) => `SELECT unnest(${bind(params, value, 'uuid[]')})`;
  let rank: string | null = null;

  const id = ids(filter.id);
  if (id) where.push(`s.id = ANY(${bind(params, id, 'uuid[]')})`);
  const actorId = ids(filter.actorId);
  if (actorId) where.push(`s.actor_id IN (${(filter.actorOnly ? only : subtree)(actorId)})`);
  const speakerId = ids(filter.speakerId);
  if (speakerId) where.push(`s.speaker_id = ANY(${bind(params, speakerId, 'uuid[]')})`);
  const eventId = ids(filter.eventId);
  if (eventId) where.push(`s.event_id = ANY(${bind(params, eventId, 'uuid[]')})`);
  const sourceId = ids(filter.sourceId);
  if (sourceId) where.push(`s.source_id = ANY(${bind(params, sourceId, 'uuid[]')})`);
  const topicId = ids(filter.topicId);
  if (topicId) {
    where.push(
      `EXISTS (SELECT 1 FROM statement_topics f_t WHERE f_t.statement_id = s.id AND f_t.topic_id = ANY(${bind(params, topicId, 'uuid[]')}))`,
    );
  }
  const tagId = ids(filter.tagId);
  if (tagId) {
    where.push(
      `EXISTS (SELECT 1 FROM statement_tags f_g WHERE f_g.statement_id = s.id AND f_g.tag_id = ANY(${bind(params, tagId, 'uuid[]')}))`,
    );
  }
  // Target and value constrain the same stance: "opposes Armenia" is not "opposes someone, mentions Armenia".
  const targetActorId = ids(filter.targetActorId);
  const targetTopicId = ids(filter.targetTopicId);
  const stance = stanceRange(filter.stance);
  if (targetActorId || targetTopicId || stance) {
    const conditions = ['f_sn.statement_id = s.id'];
    const targets: string[] = [];
    if (targetActorId) targets.push(`f_sn.target_actor_id IN (${(filter.targetOnly ? only : subtree)(targetActorId)})`);
    if (targetTopicId) targets.push(`f_sn.target_topic_id = ANY(${bind(params, targetTopicId, 'uuid[]')})`);
    if (targets.length) conditions.push(`(${targets.join(' OR ')})`);
    if (stance) conditions.push(`f_sn.value BETWEEN ${bind(params, stance.min, 'int')} AND ${bind(params, stance.max, 'int')}`);
    where.push(`EXISTS (SELECT 1 FROM stances f_sn WHERE ${conditions.join(' AND ')})`);
  }
  if (filter.saidFrom) where.push(`s.said_on >= ${bind(params, filter.saidFrom, 'date')}`);
  if (filter.saidTo) where.push(`s.said_on <= ${bind(params, filter.saidTo, 'date')}`);
  const lang = ids(filter.lang);
  if (lang) where.push(`s.lang = ANY(${bind(params, lang, 'text[]')})`);
  const kind = ids(filter.kind);
  if (kind) where.push(`s.kind = ANY(${bind(params, kind, 'text[]')})`);
  const status = ids(filter.status);
  if (status) where.push(`s.status = ANY(${bind(params, status, 'text[]')})`);

  const mention = filter.mention?.trim();
  if (mention && searchableLength(mention) > 0) {
    // Actors named so in any language or alias; a person's statements are those it spoke and those of the offices it held.
    const named = `SELECT f_m.id FROM actors f_m WHERE ${nameMatches('f_m.search_text', mention, params)}`;
    where.push(
      `s.speaker_id IN (${named}) OR s.actor_id IN (SELECT f_d.id FROM actors f_d WHERE f_d.path && ARRAY(${named}))
       OR s.actor_id IN (SELECT f_r.actor_id FROM actor_roles f_r WHERE f_r.person_id IN (${named}))`,
    );
  }
  const q = filter.q?.trim();
  if (q && searchableLength(q) > 0) {
    if (searchableLength(q) <= SHORT_QUERY_LENGTH) {
      const pattern = `stance_normalize(${bind(params, containsPattern(q))})`;
      where.push(
        `stance_normalize(s.text) ILIKE ${pattern} OR EXISTS (SELECT 1 FROM jsonb_each_text(s.translations) f_tr WHERE stance_normalize(f_tr.value) ILIKE ${pattern})`,
      );
    } else {
      const tsquery = fullTextQuery(q, params);
      where.push(`s.search @@ ${tsquery}`);
      rank = `ts_rank_cd(s.search, ${tsquery})`;
    }
  }
  return { sql: and(where), params, rank };
}

/**
 * How many of the newest full-text matches a relevance order ranks. Ranking reads every match's
 * document (~0.5 s for a common word over a million statements), so lists rank the newest matches
 * and follow them with the older ones, newest first (see `StatementsService.rankedPage`).
 */
export const RANKED_CANDIDATES = 1000;

/** Whether a list or export with this filter and sort is in relevance order. */
export function isRanked(sort: Sort | null, rank: string | null): boolean {
  return rank !== null && (sort === null || sort.field === 'relevance');
}

/**
 * The relevance order of the list over rows `s` that carry `_recency`, their 1-based position
 * newest first (`row_number() OVER (ORDER BY s.said_on DESC, s.id DESC)`): the newest
 * `RANKED_CANDIDATES` by rank, then the others newest first. For exports, which read every row anyway.
 */
export function rankedOrderBy(rank: string): string {
  return `CASE WHEN s._recency <= ${RANKED_CANDIDATES} THEN ${rank} END DESC NULLS LAST, s.said_on DESC, s.id DESC`;
}

/** `ORDER BY` body for statements: the requested sort, else relevance for a full-text `q`, else newest first. */
export function statementOrderBy(sort: Sort | null, rank: string | null): string {
  const spec: ListSpec = { filter: {}, sort: STATEMENT_SORT };
  if (isRanked(sort, rank)) return `${rank} DESC, s.said_on DESC, s.id DESC`;
  if (sort === null || sort.field === 'relevance') return orderBy(spec, DEFAULT_STATEMENT_SORT);
  return orderBy(spec, sort);
}

function stanceRange(stance: StatementFilter['stance']): StanceRange | undefined {
  if (stance === undefined || stance === null) return undefined;
  if (typeof stance === 'number') return { min: stance, max: stance };
  return { min: stance.min ?? -2, max: stance.max ?? 2 };
}

/** The number of letters the search sees. */
export function searchableLength(q: string): number {
  let length = 0;
  for (const char of q) {
    if (!/\s/.test(char) && !isDropped(char)) length++;
  }
  return length;
}

/**
 * The full-text query of `q` as a `tsquery` expression (values bound into `params`), or null when
 * `q` is searched as a substring (1–2 letters) or is empty: what `highlight` marks.
 */
export function searchQuery(q: string | undefined, params: unknown[]): string | null {
  const trimmed = q?.trim();
  if (!trimmed || searchableLength(trimmed) <= SHORT_QUERY_LENGTH) return null;
  return fullTextQuery(trimmed, params);
}

/**
 * The document holds each text stemmed in its own language plus unstemmed ('simple'), and the
 * light stems of its Arabic words (`stance_arabic_stem`, migration 1733100000000). The query
 * is normalised like the document and parsed unstemmed and with the stemmer of each script it
 * uses, OR-ed: an Arabic query meets Arabic stems and light stems (any article, و, بال or لل,
 * ة/ات, ية/ي, ون/ين form), an English one English stems, and the exact word forms always meet. Only stemmers of the query's own scripts are used, so that a foreign
 * stemmer does not cut words into false matches.
 */
function fullTextQuery(q: string, params: unknown[]): string {
  const text = `stance_normalize(${bind(params, q)})`;
  const queries = configsFor(q).map((config) => `websearch_to_tsquery('${config}'::regconfig, ${text})`);
  if (ARABIC_LETTER.test(q)) queries.push(`websearch_to_tsquery('simple'::regconfig, stance_arabic_stem(${text}))`);
  return `(${queries.join(' || ')})`;
}

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F]/;

export function configsFor(q: string): string[] {
  const configs = ['simple'];
  if (ARABIC_LETTER.test(q)) configs.push('arabic');
  if (/[A-Za-z\u00C0-\u024F]/.test(q)) configs.push('english', 'turkish');
  if (/[\u0400-\u04FF]/.test(q)) configs.push('russian');
  if (/[\u0530-\u058F]/.test(q)) configs.push('armenian');
  return configs;
}
