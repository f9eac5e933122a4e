import { Injectable } from '@nestjs/common';
import type { StatementFilter } from '@stance/common';
import { DataSource } from 'typeorm';
import { FieldErrorsException } from '../common/api-error';
import { boundedTotal, countSql, ListSpec, limitOffset, Page, Range, Sort } from '../common/list-query';
import { and, bind } from '../common/sql';
import { readTransaction } from '../database/read-query';
import { buildStatementWhere, STATEMENT_FILTER_SCHEMA } from '../statements/statement-filter';
import { PositionDto } from './dto/position.dto';
import { splitByMonth } from './month-split';

/**
 * The statement filters, and what only positions take: `rollup`, `groupBy` (`"month"`), and the
 * stance-level `targetType` and `targetTopicId` (with `targetActorId` and `stance`, these choose
 * which stances count, not only which statements).
 */
export interface PositionFilter extends StatementFilter {
  rollup?: boolean;
  groupBy?: string[];
  targetType?: string[];
  targetTopicId?: string | string[];
}

export const POSITION_LIST: ListSpec = {
  filter: { ...STATEMENT_FILTER_SCHEMA, rollup: 'boolean', groupBy: ['month'], targetType: ['actor', 'topic'], targetTopicId: 'uuid' },
  // Over the columns of `grouped` and the names beside them (see select()); each then breaks ties by actor, target and month.
  sort: {
    id: 'group_id',
    actorName: 'actor_name',
    targetType: 'target_type',
    targetName: 'target_name',
    month: 'month',
    count: 'count',
    mean: 'total::float8 / count',
    min: 'min',
    max: 'max',
    latestValue: 'right(latest, 1)',
    latestSaidOn: 'left(latest, 10)',
  },
};

/** Filters the aggregate tables answer; any other filter reads the statements themselves. */
const AGGREGATE_FILTERS = new Set([
  'actorId',
  'saidFrom',
  'saidTo',
  'status',
  'targetActorId',
  'targetTopicId',
  'targetType',
  'rollup',
  'groupBy',
  'actorOnly',
  'targetOnly',
]);
/** Keys that choose stances (applied per stance) or shape the result; not statement filters. */
const NOT_STATEMENT_FILTERS = ['rollup', 'groupBy', 'targetType', 'targetTopicId', 'targetActorId', 'targetOnly', 'stance'] as const;
const STATUSES = ['published', 'draft'];
const WORK_MEM = '64MB';

/** Rows of the `rows` CTE: (group_id, target_type, target_id, month, n, total, min, max, latest), and whether a group may span several. */
interface RowSource {
  sql: string;
  /** One row per (actor, target[, month]) already: no GROUP BY needed. */
  grouped: boolean;
}

/**
 * Positions in SQL: per (actor, target[, month]) the count, mean, min, max and latest stance value
 * of the statements a filter selects. Filters on actor, date, status and target read the
 * aggregates kept by triggers (`position_totals` without dates, `position_months` with them, plus
 * the statements of the days at either end of a range that do not fill a month); any other filter
 * reads statements and stances. Both give the same numbers.
 */
@Injectable()
export class PositionsQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of positions, and how many there are, counted up to `countLimit` (null: all). */
  async page(filter: PositionFilter, sort: Sort | null, range: Range, countLimit: number | null): Promise<Page<PositionDto>> {
    checkPositionQuery(filter, sort);
    const query = this.query(filter);
    const { limit, offset } = limitOffset(range);
    const [rows, [{ total }]] = await Promise.all([
      this.run<PositionDto[]>(`${query.with} ${query.select(sort, { limit, offset })}`, query.params),
      this.run<{ total: number }[]>(`${query.with} ${countSql('FROM grouped', countLimit)}`, query.params),
    ]);
    const byMonth = isByMonth(filter);
    for (const row of rows) row.id = [row.actorId, row.targetType, row.targetId, ...(byMonth ? [row.month] : [])].join(':');
    return { rows, ...boundedTotal(total, countLimit), start: range.start };
  }

  /** Folding a few hundred thousand aggregate rows wants more than the default 4 MB to hash in memory rather than sort. */
  private run<T>(sql: string, params: unknown[]): Promise<T> {
    return readTransaction(this.dataSource, async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
      return (await manager.query(sql, params)) as T;
    });
  }

  /** Every row, in order (for the CSV export). */
  build(filter: PositionFilter, sort: Sort | null): { sql: string; params: unknown[] } {
    checkPositionQuery(filter, sort);
    const query = this.query(filter);
    return { sql: `${query.with} ${query.select(sort)}`, params: query.params };
  }

  private query(filter: PositionFilter) {
    const params: unknown[] = [];
    const byMonth = isByMonth(filter);
    const rows = this.rows(filter, params);
    const keys = `group_id, target_type, target_id${byMonth ? ', month' : ''}`;
    const grouped = rows.grouped
      ? `SELECT ${keys}, n AS count, total, min, max, latest FROM rows`
      : `SELECT ${keys}, sum(n)::int AS count, sum(total)::int AS total, min(min) AS min, max(max) AS max, max(latest COLLATE "C") AS latest
           FROM rows GROUP BY ${keys}`;
    return {
      params,
      with: `WITH rows AS (${rows.sql}), grouped AS (${grouped})`,
      /**
       * Ordered rows; with `page`, only that page. The page is chosen over bare numbers and names,
       * and only its rows get the display columns (a mean is a numeric division: not for 250,000 rows).
       */
      select: (sort: Sort | null, page?: { limit: number; offset: number }) => {
        const direction = sort?.order === 'DESC' ? 'DESC' : 'ASC';
        const tieBreak = ['group_id', 'target_type', 'target_id', ...(byMonth ? ['month'] : [])].map((c) => `${c} ${direction}`).join(', ');
        const order = sort
          ? sort.field === 'id'
            ? tieBreak
            : `${POSITION_LIST.sort[sort.field]} ${direction}, ${tieBreak}`
          : `actor_name, target_type, target_name${byMonth ? ', month' : ''}, ${tieBreak}`;
        return `
          SELECT p.group_id AS "actorId", p.actor_name AS "actorName", p.actor_slug AS "actorSlug",
                 p.target_type AS "targetType", p.target_id AS "targetId", p.target_name AS "targetName", p.target_slug AS "targetSlug",
                 ${byMonth ? `to_char(p.month, 'YYYY-MM') AS "month",` : ''}
                 p.count::int AS "count", round(p.total::numeric / p.count, 2)::float8 AS "mean", p.min::int AS "min", p.max::int AS "max",
                 right(p.latest, 1)::int - 2 AS "latestValue", left(p.latest, 10) AS "latestSaidOn"
            FROM (
              SELECT g.*, a.name AS actor_name, a.slug AS actor_slug,
                     coalesce(ta.name, tp.name) AS target_name, coalesce(ta.slug, tp.slug) AS target_slug
                FROM grouped g
                JOIN actors a ON a.id = g.group_id
                LEFT JOIN actors ta ON g.target_type = 'actor' AND ta.id = g.target_id
                LEFT JOIN topics tp ON g.target_type = 'topic' AND tp.id = g.target_id
               ${page ? `ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}` : ''}
            ) p
           ORDER BY ${order}`;
      },
    };
  }

  private rows(filter: PositionFilter, params: unknown[]): RowSource {
    const statementFilter: StatementFilter = { ...filter };
    for (const key of NOT_STATEMENT_FILTERS) delete (statementFilter as Record<string, unknown>)[key];
    const fromAggregate = Object.keys(filter).every((key) => AGGREGATE_FILTERS.has(key));
    if (!fromAggregate) return { sql: this.statementRows(filter, statementFilter, params), grouped: false };

    if (!filter.saidFrom && !filter.saidTo && !isByMonth(filter)) {
      return { sql: this.aggregateRows(filter, params, 'position_totals', []), grouped: !filter.rollup };
    }
    const split = splitByMonth(filter.saidFrom, filter.saidTo);
    const parts = split.days.map(({ from, to }) => this.statementRows(filter, { ...statementFilter, saidFrom: from, saidTo: to }, params));
    if (split.months) {
      const where: string[] = [];
      if (split.months.from) where.push(`p.month >= ${bind(params, split.months.from, 'date')}`);
      if (split.months.until) where.push(`p.month < ${bind(params, split.months.until, 'date')}`);
      parts.push(this.aggregateRows(filter, params, 'position_months', where));
    }
    return {
      sql: parts.join(' UNION ALL '),
      grouped: parts.length === 1 && split.days.length === 0 && isByMonth(filter) && !filter.rollup,
    };
  }

  /** From `position_totals` or `position_months` (alias `p`), the statuses asked for folded into one set of numbers. */
  private aggregateRows(filter: PositionFilter, params: unknown[], table: string, where: string[]): string {
    const statuses = filter.status ? STATUSES.filter((s) => list(filter.status!).includes(s)) : STATUSES;
    const fold = (fn: string, column: string) =>
      statuses.length === 1 ? `p.${statuses[0]}_${column}` : `${fn}(${statuses.map((s) => `p.${s}_${column}`).join(', ')})`;
    const n = statuses.map((s) => `p.${s}_n`).join(' + ');
    const scope = this.scope(filter, params, 'p');
    return `
      SELECT ${scope.group} AS group_id, p.target_type, p.target_id, ${table === 'position_months' ? 'p.month' : 'NULL::date AS month'},
             ${n} AS n, ${statuses.map((s) => `p.${s}_total`).join(' + ')} AS total,
             ${fold('least', 'min')} AS min, ${fold('greatest', 'max')} AS max, ${fold('greatest', 'latest')} AS latest
        FROM ${table} p ${scope.join}
       WHERE ${and([...where, ...(statuses.length < STATUSES.length ? [`${n} > 0`] : []), ...this.targetConditions(filter, params, 'aggregate'), ...scope.where])}`;
  }

  /**
   * One row per stance of the statements the filter selects. `position_facts` (migration
   * 1733300000000) holds each stance with its statement's filterable columns under their statement
   * names, so the statement filter applies to it as is and a subtree is one index-only range; only
   * full text (`q`) needs the statements' documents.
   */
  private statementRows(filter: PositionFilter, statementFilter: StatementFilter, params: unknown[]): string {
    const facts = statementFilter.q === undefined;
    const st = facts ? 's' : 'st';
    const scope = this.scope(filter, params, 's');
    // The scope holds the rows to the requested subtrees already; a second copy of that condition
    // would have the planner count its selectivity twice and misjudge every join after it.
    const { actorId: _inScope, ...rest } = statementFilter;
    const where = [buildStatementWhere(rest, params).sql, ...this.targetConditions(filter, params, st), ...scope.where];
    if (filter.stance !== undefined) {
      const { min = -2, max = 2 } = typeof filter.stance === 'number' ? { min: filter.stance, max: filter.stance } : filter.stance;
      where.push(`${st}.value BETWEEN ${bind(params, min, 'int')} AND ${bind(params, max, 'int')}`);
    }
    return `
      SELECT ${scope.group} AS group_id, CASE WHEN ${st}.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END AS target_type,
             coalesce(${st}.target_actor_id, ${st}.target_topic_id) AS target_id, date_trunc('month', s.said_on)::date AS month,
             1 AS n, ${st}.value::int AS total, ${st}.value AS min, ${st}.value AS max,
             stance_position_key(s.said_on, s.created_at, s.id, ${st}.value) COLLATE "C" AS latest
        FROM ${facts ? 'position_facts s' : 'statements s JOIN stances st ON st.statement_id = s.id'} ${scope.join}
       WHERE ${and(where)}`;
  }

  /** Which targets count. As in the statement filter, a target actor includes its descendants. */
  private targetConditions(filter: PositionFilter, params: unknown[], source: 'aggregate' | 's' | 'st'): string[] {
    const isType = (type: string) => (source === 'aggregate' ? `p.target_type = '${type}'` : `${source}.target_${type}_id IS NOT NULL`);
    const id = (type: string) => (source === 'aggregate' ? 'p.target_id' : `${source}.target_${type}_id`);
    const where: string[] = [];
    const targets: string[] = [];
    if (filter.targetActorId) {
      const subtree = filter.targetOnly
        ? `SELECT unnest(${bind(params, list(filter.targetActorId), 'uuid[]')})`
        : `SELECT id FROM actors WHERE path && ${bind(params, list(filter.targetActorId), 'uuid[]')}`;
      targets.push(`${isType('actor')} AND ${id('actor')} IN (${subtree})`);
    }
    if (filter.targetTopicId)
      targets.push(`${isType('topic')} AND ${id('topic')} = ANY(${bind(params, list(filter.targetTopicId), 'uuid[]')})`);
    if (targets.length) where.push(targets.map((t) => `(${t})`).join(' OR '));
    if (filter.targetType?.length === 1) where.push(isType(filter.targetType[0] === 'topic' ? 'topic' : 'actor'));
    return where;
  }

  /**
   * The actor a row is counted for (`group`), and the rows in scope: without rollup, the actor
   * spoken for (within the requested subtrees, if any); with rollup, each requested actor whose
   * subtree holds it, or else its top-level actor.
   */
  private scope(filter: PositionFilter, params: unknown[], alias: string): { group: string; join: string; where: string[] } {
    const requested = filter.actorId === undefined ? undefined : list(filter.actorId);
    if (!filter.rollup) {
      return {
        group: `${alias}.actor_id`,
        join: '',
        where: requested
          ? [
              filter.actorOnly
                ? `${alias}.actor_id = ANY(${bind(params, requested, 'uuid[]')})`
                : `${alias}.actor_id IN (SELECT id FROM actors WHERE path && ${bind(params, requested, 'uuid[]')})`,
            ]
          : [],
      };
    }
    // OFFSET 0 keeps the subquery whole, so path[1] is read once per actor, not once per joined row.
    if (!requested)
      return {
        group: 'sa.root_id',
        join: `JOIN (SELECT id, path[1] AS root_id FROM actors OFFSET 0) sa ON sa.id = ${alias}.actor_id`,
        where: [],
      };
    return {
      group: 'sc.group_id',
      join: `JOIN (SELECT a.id, r.id AS group_id FROM actors a JOIN unnest(${bind(params, requested, 'uuid[]')}) AS r(id) ON a.path @> ARRAY[r.id]) sc
               ON sc.id = ${alias}.actor_id`,
      where: [],
    };
  }
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const isByMonth = (filter: PositionFilter) => filter.groupBy?.includes('month') ?? false;

/** What the list query's grammar allows but positions cannot answer: a filter listing no value, a month without months. */
function checkPositionQuery(filter: PositionFilter, sort: Sort | null): void {
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value) && value.length === 0) errors[`filter.${key}`] = 'must list at least one value';
  }
  if (sort?.field === 'month' && !isByMonth(filter)) errors.sort = 'can sort by "month" only with filter.groupBy ["month"]';
  if (Object.keys(errors).length) throw new FieldErrorsException(errors, 'Invalid positions query');
}
