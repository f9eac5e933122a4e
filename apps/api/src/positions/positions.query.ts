import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListSpec, limitOffset, orderBy, Page, Range, Sort } from '../common/list-query';
import { and, bind } from '../common/sql';
import type { StatementFilter } from '@stance/common';
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
  sort: {
    id: '"id"',
    actorName: '"actorName"',
    targetType: '"targetType"',
    targetName: '"targetName"',
    month: '"month"',
    count: '"count"',
    mean: '"mean"',
    min: '"min"',
    max: '"max"',
    latestValue: '"latestValue"',
    latestSaidOn: '"latestSaidOn"',
  },
};

/** Filters the monthly aggregate answers; any other filter reads the statements themselves. */
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
]);
/** Keys that choose stances (applied per stance below) or shape the result; not statement filters. */
const NOT_STATEMENT_FILTERS = ['rollup', 'groupBy', 'targetType', 'targetTopicId', 'targetActorId', 'stance'] as const;

/**
 * Positions in SQL: per (actor, target[, month]) the count, mean, min, max and latest stance value
 * of the statements a filter selects. Filters on actor, date, status and target read the monthly
 * aggregate `position_months` (kept current by triggers), plus the statements of the days at
 * either end of a date range that do not fill a month; any other filter reads statements and
 * stances directly. Both give the same numbers.
 */
@Injectable()
export class PositionsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: PositionFilter, sort: Sort | null, range: Range): Promise<Page<PositionDto>> {
    const { sql, params } = this.build(filter, sort, true);
    const { limit, offset } = limitOffset(range);
    const rows = (await this.dataSource.query(`${sql} LIMIT ${limit} OFFSET ${offset}`, params)) as (PositionDto & { _total: number })[];
    let total = rows[0]?._total;
    if (total === undefined) {
      total =
        offset === 0 ? 0 : ((await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params)) as { n: number }[])[0].n;
    }
    for (const row of rows) delete (row as Partial<typeof row>)._total;
    return { rows, total, start: range.start };
  }

  /** Every row, ordered; `withTotal` adds the number of rows as `_total` (for paging). */
  build(filter: PositionFilter, sort: Sort | null, withTotal = false): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const byMonth = filter.groupBy?.includes('month') ?? false;
    const rows = this.rows(filter, params);
    const keys = `group_id, target_actor_id, target_topic_id${byMonth ? ', month' : ''}`;
    const order = sort
      ? orderBy(POSITION_LIST, sort)
      : `"actorName" ASC, "targetType" ASC, "targetName" ASC${byMonth ? ', "month" ASC' : ''}, "id" ASC`;
    const sql = `
      WITH rows AS (${rows}),
      grouped AS (
        SELECT ${keys}, sum(n)::int AS count, sum(total)::int AS total, min(min)::int AS min, max(max)::int AS max, max(latest COLLATE "C") AS latest
          FROM rows GROUP BY ${keys}
      )
      SELECT g.group_id || ':' || CASE WHEN g.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END || ':' || coalesce(g.target_actor_id, g.target_topic_id)
               ${byMonth ? `|| ':' || to_char(g.month, 'YYYY-MM')` : ''} AS "id",
             g.group_id AS "actorId", a.name AS "actorName", a.slug AS "actorSlug",
             CASE WHEN g.target_actor_id IS NULL THEN 'topic' ELSE 'actor' END AS "targetType",
             coalesce(g.target_actor_id, g.target_topic_id) AS "targetId",
             coalesce(ta.name, tp.name) AS "targetName", coalesce(ta.slug, tp.slug) AS "targetSlug",
             ${byMonth ? `to_char(g.month, 'YYYY-MM') AS "month",` : ''}
             g.count AS "count", round(g.total::numeric / g.count, 2)::float8 AS "mean", g.min AS "min", g.max AS "max",
             right(g.latest, 1)::int - 2 AS "latestValue", left(g.latest, 10) AS "latestSaidOn"
             ${withTotal ? ', count(*) OVER ()::int AS "_total"' : ''}
        FROM grouped g
        JOIN actors a ON a.id = g.group_id
        LEFT JOIN actors ta ON ta.id = g.target_actor_id
        LEFT JOIN topics tp ON tp.id = g.target_topic_id
       ORDER BY ${order}`;
    return { sql, params };
  }

  /** `UNION ALL` of row sources with the columns (group_id, target_actor_id, target_topic_id, month, n, total, min, max, latest). */
  private rows(filter: PositionFilter, params: unknown[]): string {
    const statementFilter: StatementFilter = { ...filter };
    for (const key of NOT_STATEMENT_FILTERS) delete (statementFilter as Record<string, unknown>)[key];
    const fromAggregate = Object.keys(filter).every((key) => AGGREGATE_FILTERS.has(key));
    if (!fromAggregate) return this.statementRows(filter, statementFilter, params);

    const split = splitByMonth(filter.saidFrom, filter.saidTo);
    const parts = split.days.map(({ from, to }) => this.statementRows(filter, { ...statementFilter, saidFrom: from, saidTo: to }, params));
    if (split.months) {
      const where = this.stanceConditions(filter, params, 'p');
      if (split.months.from) where.push(`p.month >= ${bind(params, split.months.from, 'date')}`);
      if (split.months.until) where.push(`p.month < ${bind(params, split.months.until, 'date')}`);
      if (filter.status) where.push(`p.status = ANY(${bind(params, list(filter.status), 'text[]')})`);
      const scope = this.scope(filter, params, 'p');
      parts.push(`
        SELECT ${scope.group} AS group_id, p.target_actor_id, p.target_topic_id, p.month, p.n, p.total, p.min, p.max, p.latest
          FROM position_months p ${scope.join}
         WHERE ${and([...where, ...scope.where])}`);
    }
    return parts.join(' UNION ALL ');
  }

  private statementRows(filter: PositionFilter, statementFilter: StatementFilter, params: unknown[]): string {
    const scope = this.scope(filter, params, 's');
    const where = [buildStatementWhere(statementFilter, params).sql, ...this.stanceConditions(filter, params, 'st'), ...scope.where];
    return `
      SELECT ${scope.group} AS group_id, st.target_actor_id, st.target_topic_id, date_trunc('month', s.said_on)::date AS month,
             1 AS n, st.value::int AS total, st.value AS min, st.value AS max,
             stance_position_key(s.said_on, s.created_at, s.id, st.value) COLLATE "C" AS latest
        FROM statements s
        JOIN stances st ON st.statement_id = s.id ${scope.join}
       WHERE ${and(where)}`;
  }

  /** Which stances count: their target and value. `alias` is a row with target_actor_id, target_topic_id (and value for stances). */
  private stanceConditions(filter: PositionFilter, params: unknown[], alias: string): string[] {
    const where: string[] = [];
    const targets: string[] = [];
    // As in the statement filter, a target actor includes its descendants.
    if (filter.targetActorId) {
      targets.push(
        `${alias}.target_actor_id IN (SELECT id FROM actors WHERE path && ${bind(params, list(filter.targetActorId), 'uuid[]')})`,
      );
    }
    if (filter.targetTopicId) targets.push(`${alias}.target_topic_id = ANY(${bind(params, list(filter.targetTopicId), 'uuid[]')})`);
    if (targets.length) where.push(targets.join(' OR '));
    const types = filter.targetType ?? [];
    if (types.length === 1) where.push(`${alias}.target_${types[0] === 'topic' ? 'topic' : 'actor'}_id IS NOT NULL`);
    if (filter.stance !== undefined) {
      const { min = -2, max = 2 } = typeof filter.stance === 'number' ? { min: filter.stance, max: filter.stance } : filter.stance;
      where.push(`${alias}.value BETWEEN ${bind(params, min, 'int')} AND ${bind(params, max, 'int')}`);
    }
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
      return requested
        ? {
            group: `${alias}.actor_id`,
            join: '',
            where: [`${alias}.actor_id IN (SELECT id FROM actors WHERE path && ${bind(params, requested, 'uuid[]')})`],
          }
        : { group: `${alias}.actor_id`, join: '', where: [] };
    }
    if (!requested) return { group: 'sa.path[1]', join: `JOIN actors sa ON sa.id = ${alias}.actor_id`, where: [] };
    return {
      group: 'sc.group_id',
      join: `JOIN (SELECT a.id, r.id AS group_id FROM actors a JOIN unnest(${bind(params, requested, 'uuid[]')}) AS r(id) ON a.path @> ARRAY[r.id]) sc
               ON sc.id = ${alias}.actor_id`,
      where: [],
    };
  }
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
