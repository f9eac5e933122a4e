import { ConflictException, HttpException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { StatementFilter } from '@stance/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { FieldErrorsException } from '../common/api-error';
import { mapDatabaseError } from '../common/database-errors';
import { auditChange } from '../common/audit-change';
import { countLimit, Cursor, decodeCursor, encodeCursor, JsonRows, limitOffset, ListQuery, Page, Sort } from '../common/list-query';
import { bind, Queryable } from '../common/sql';
import { readPrepared, replicaReader } from '../database/read-query';
import { StanceDto, StatementDto, StatementLinkDto, StatementListFilter, UpdateStatementDto } from './dto/statement.dto';
import { Stance } from './stance.entity';
import { Statement } from './statement.entity';
import {
  buildStatementWhere,
  DEFAULT_STATEMENT_SORT,
  isRanked,
  RANKED_CANDIDATES,
  searchQuery,
  statementOrderBy,
  StatementWhere,
} from './statement-filter';
import { countingReader, TotalCache } from './total-cache';

/**
 * Everything a list row shows, without further requests, as (JSON key, SQL) pairs: one query,
 * subqueries per row. `GET /:id` reads a statement this way; a list page reads the fields computed
 * from other tables from `statement_labels` instead (`LABELLED`). Names are looked up by primary
 * key per row (a join to a small table would build a hash per row); `OFFSET 0` keeps each link
 * subquery whole, so that a name used in the JSON and in the order is looked up once. Timestamps are marked, so that the JSON the
 * database writes for a list page spells them as `JSON.stringify` does for the same row read
 * through `pg`.
 */
const FIELDS: readonly (readonly [key: string, sql: string, type?: 'timestamp'])[] = [
  ['id', 's.id'],
  ['text', 's.text'],
  ['lang', 's.lang'],
  ['translations', 's.translations'],
  ['originalLang', 's.original_lang'],
  ['kind', 's.kind'],
  ['channel', 's.channel'],
  ['speakerId', 's.speaker_id'],
  ['speakerName', 'sp.name'],
  ['actorId', 's.actor_id'],
  ['actorName', 'a.name'],
  [
    'actorPath',
    '(SELECT array_agg((SELECT x.name FROM actors x WHERE x.id = p.id) ORDER BY p.n) FROM unnest(a.path) WITH ORDINALITY AS p(id, n))',
  ],
  ['saidOn', 's.said_on'],
  ['sourceId', 's.source_id'],
  ['sourceOutlet', 'src.outlet'],
  ['sourceTitle', 'src.title'],
  ['eventId', 's.event_id'],
  ['eventName', 'ev.name'],
  ['topicIds', `coalesce(f_tp.ids, '[]')`],
  ['topics', `coalesce(f_tp.list, '[]')`],
  ['tagIds', `coalesce(f_tg.ids, '[]')`],
  ['tags', `coalesce(f_tg.list, '[]')`],
  ['stances', `coalesce(f_sn.list, '[]')`],
  ['status', 's.status'],
  ['notes', 's.notes'],
  ['version', 's.version'],
  ['createdBy', 's.created_by'],
  ['updatedBy', 's.updated_by'],
  ['createdAt', 's.created_at', 'timestamp'],
  ['updatedAt', 's.updated_at', 'timestamp'],
  ['deletedAt', 's.deleted_at', 'timestamp'],
];
const JOINS = `JOIN actors a ON a.id = s.actor_id
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

/** The columns of one statement, read through `pg` (dates become `Date`s there). */
const COLUMNS = FIELDS.map(([key, sql]) => `${sql} AS "${key}"`).join(', ');

/**
 * The fields computed from other tables, as `statement_labels` keeps them current on write
 * (migration 1732600000000, which computes them as `FIELDS` and `JOINS` do).
 */
const LABELLED: Readonly<Record<string, string>> = {
  speakerName: 'speaker_name',
  actorName: 'actor_name',
  actorPath: 'actor_path',
  sourceOutlet: 'source_outlet',
  sourceTitle: 'source_title',
  eventName: 'event_name',
  topicIds: 'topic_ids',
  topics: 'topics',
  tagIds: 'tag_ids',
  tags: 'tags',
  stances: 'stances',
};

/** The fields as the database writes them into JSON: timestamps in UTC to the millisecond, like `Date#toJSON`. */
function jsonColumns(sqlOf: (key: string, sql: string) => string): string {
  return FIELDS.map(([key, field, type]) => {
    const sql = sqlOf(key, field);
    return `${type === 'timestamp' ? `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : sql} AS "${key}"`;
  }).join(', ');
}

/**
 * The list rows of the statement ids `$1`, each as the JSON text the API sends: the database
 * writes the page, and Node neither parses the rows nor serializes them again. The statement's own
 * columns, and its labels read by key.
 */
const DISPLAY = `SELECT r.id, row_to_json(r)::text AS json
  FROM (SELECT ${jsonColumns((key, sql) => (LABELLED[key] ? `l.${LABELLED[key]}` : sql))}
          FROM unnest($1::uuid[]) AS p(id) JOIN statements s ON s.id = p.id JOIN statement_labels l ON l.statement_id = s.id) r`;

/** The same computed from the tables the labels name, for statements without labels (see `display`). */
const DISPLAY_UNLABELLED = `SELECT r.id, row_to_json(r)::text AS json
  FROM (SELECT ${jsonColumns((_key, sql) => sql)} FROM unnest($1::uuid[]) AS p(id) JOIN statements s ON s.id = p.id ${JOINS}) r`;

/** Sorts that keyset paging can continue: non-null columns, with the id as tie-breaker. */
const KEYSET: Record<string, { expression: string; cast: string }> = {
  saidOn: { expression: 's.said_on', cast: 'date' },
  createdAt: { expression: 's.created_at', cast: 'timestamptz' },
  updatedAt: { expression: 's.updated_at', cast: 'timestamptz' },
  id: { expression: 's.id', cast: 'uuid' },
};

function keysetOf(sort: Sort) {
  const keyset = KEYSET[sort.field];
  return keyset ? { ...keyset, field: sort.field, order: sort.order } : undefined;
}

/** The columns a client writes, with their values after a create or update has been resolved. */
interface StatementValues {
  text: string;
  lang: string;
  translations: Record<string, string>;
  originalLang: string | null;
  kind: StatementDto['kind'];
  channel: NonNullable<StatementDto['channel']>;
  speakerId: string | null;
  actorId: string;
  saidOn: string;
  sourceId: string | null;
  eventId: string | null;
  status: NonNullable<StatementDto['status']>;
  notes: string | null;
}

/**
 * The rows' JSON as one array in the order of `ids`. An id without a row (a statement removed
 * between the query that chose the page and the one that read it, or a replica behind another) is
 * left out rather than written as `undefined`.
 */
export function jsonRowsInOrder(ids: string[], rows: { id: string; json: string }[]): JsonRows {
  const json = new Map(rows.map((row) => [row.id, row.json]));
  const found = ids.flatMap((id) => json.get(id) ?? []);
  return new JsonRows(`[${found.join(',')}]`, found.length);
}

/**
 * Whether a page in `sortField` order is taken per actor of the subtree and merged (see
 * `sortedPage`): for a subtree in date order with at most a date range besides.
 */
export function pagesPerActor(filter: StatementFilter, sortField: string | undefined): boolean {
  const { actorId, ...rest } = filter;
  return (
    actorId !== undefined &&
    sortField === 'saidOn' &&
    Object.entries(rest).every(([key, value]) => value === undefined || key === 'saidFrom' || key === 'saidTo')
  );
}

@Injectable()
export class StatementsService {
  private readonly totals = new TotalCache();
  private readonly logger = new Logger(StatementsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * A page of statements. Offset paging (`range`) counts the total (up to the bound); with a `cursor` (from the
   * `Next-Cursor` of the previous page) the page starts after that row by keyset, whatever the
   * depth, and the total is not counted. Keyset needs a sort on saidOn, createdAt, updatedAt or id.
   *
   * The page is chosen first over statement ids alone (an index-only scan where the filter and
   * sort allow, so rows skipped by a deep offset are never read from the heap), then only its rows
   * are read whole, with the display joins and subqueries.
   */
  async list({ filter, sort, range, exactTotal }: ListQuery<StatementListFilter>, cursor?: string): Promise<Page<StatementDto>> {
    const { deleted, highlight, ...statementFilter } = filter;
    const options = { deleted: deleted ? ('only' as const) : ('exclude' as const) };
    const where = buildStatementWhere(statementFilter, [], options);
    const ranked = isRanked(sort, where.rank);
    const order = statementOrderBy(sort, where.rank);
    const keyset = ranked ? undefined : keysetOf(sort ?? DEFAULT_STATEMENT_SORT);
    const { limit, offset } = limitOffset(range);
    let after: Cursor | undefined;
    if (cursor !== undefined) {
      after = decodeCursor(cursor);
      if (!keyset) throw new FieldErrorsException({ cursor: `cursor paging needs a sort on ${Object.keys(KEYSET).join(', ')}` });
      if (after.field !== keyset.field || after.order !== keyset.order)
        throw new FieldErrorsException({ cursor: 'belongs to another sort' });
    }
    const manager = replicaReader(this.dataSource);
    const [picked, total] = await Promise.all([
      (ranked
        ? this.rankedPage(manager, where, limit, offset)
        : this.sortedPage(manager, statementFilter, options, order, keyset, limit, after ? 0 : offset, after)
      ).then(async (page) => ({
        page,
        rows: await this.display(
          page.map((row) => row.id),
          highlight ? statementFilter.q : undefined,
        ),
      })),
      cursor !== undefined
        ? null
        : this.totals.count(
            manager,
            countingReader(this.dataSource),
            `FROM statements s WHERE ${where.sql}`,
            where.params,
            countLimit({ exactTotal }),
          ),
    ]);
    const last = picked.page[picked.page.length - 1];
    const nextCursor =
      keyset && last && picked.page.length === limit
        ? encodeCursor({ field: keyset.field, order: keyset.order, value: last._key, id: last.id })
        : undefined;
    return { rows: picked.rows, total: null, ...total, start: cursor === undefined ? range.start : 0, nextCursor };
  }

  /**
   * A page in a column order, after `offset` rows or after the row of `cursor` (keyset). For a
   * subtree in date order the page is taken from each actor's own newest (or oldest) rows, one
   * index scan per actor reading at most `offset + limit` entries, and merged: the first page of a
   * subtree with thousands of matches in the range reads a few hundred index entries. Only when the
   * date range is the only other filter: those scans test any other condition row by row, so a
   * selective one (a rare phrase, a topic) would read an actor's every statement to fill its share
   * of the page (17 s for a phrase in the busiest subtree); the planner's own plan is used then.
   */
  private async sortedPage(
    db: Queryable,
    filter: StatementFilter,
    options: { deleted: 'only' | 'exclude' },
    order: string,
    keyset: ReturnType<typeof keysetOf>,
    limit: number,
    offset: number,
    after: Cursor | undefined,
  ): Promise<{ id: string; _key?: string | number }[]> {
    const { actorId, ...rest } = filter;
    const perActor = pagesPerActor(filter, keyset?.field);
    const page = buildStatementWhere(perActor ? rest : filter, [], options);
    let pageWhere = page.sql;
    if (after && keyset) {
      const value = bind(page.params, after.value, keyset.cast);
      pageWhere = `${pageWhere} AND (${keyset.expression}, s.id) ${keyset.order === 'DESC' ? '<' : '>'} (${value}, ${bind(page.params, after.id, 'uuid')})`;
    }
    const key = keyset ? `to_jsonb(${keyset.expression})` : 'NULL';
    const ids = perActor
      ? `SELECT s.id, ${key} AS _key FROM actors f_root
           CROSS JOIN LATERAL (SELECT s.id, s.said_on FROM statements s WHERE s.actor_id = f_root.id AND ${pageWhere}
                                ORDER BY ${order} LIMIT ${offset + limit}) s
          WHERE f_root.path && ${bind(page.params, Array.isArray(actorId) ? actorId : [actorId], 'uuid[]')}
          ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
      : `SELECT s.id, ${key} AS _key FROM (SELECT s.* FROM statements s WHERE ${pageWhere} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) s
          ORDER BY ${order}`;
    return (await db.query(ids, page.params)) as { id: string; _key: string | number }[];
  }

  /**
   * The list rows of these statements, in this order, as one JSON array: one prepared query,
   * planned once per connection. Every statement has labels (triggers write them with it); should
   * some lack them (a bulk load that turned the triggers off and did not rebuild), those rows are
   * computed from the tables instead, and a warning says how to rebuild.
   */
  private async display(ids: string[], q?: string): Promise<JsonRows> {
    if (!ids.length) return new JsonRows('[]', 0);
    const rows = await readPrepared<{ id: string; json: string }>(this.dataSource, 'stance_statement_json', DISPLAY, [ids]);
    if (rows.length < ids.length) {
      const found = new Set(rows.map((row) => row.id));
      const unlabelled = ids.filter((id) => !found.has(id));
      const computed = await readPrepared<{ id: string; json: string }>(
        this.dataSource,
        'stance_statement_json_unlabelled',
        DISPLAY_UNLABELLED,
        [unlabelled],
      );
      if (computed.length) {
        this.logger.warn(
          `${computed.length} statement(s) without labels (e.g. ${computed[0].id}): run SELECT stance_rebuild_statement_labels()`,
        );
        rows.push(...computed);
      }
    }
    const highlights = await this.highlights(ids, q);
    if (highlights.size) {
      for (const row of rows) {
        const highlight = highlights.get(row.id);
        if (highlight) row.json = `${row.json.slice(0, -1)},"highlight":${highlight}}`;
      }
    }
    return jsonRowsInOrder(ids, rows);
  }

  /**
   * Why each statement matched a full-text `q`: `{text, translations: {<lang>: ...}}` as JSON
   * text per id, the words that meet the query in `<mark>` and the rest HTML-escaped
   * (`stance_highlight`); only the translations that hold a match are given.
   */
  private async highlights(ids: string[], q: string | undefined): Promise<Map<string, string>> {
    const params: unknown[] = [ids];
    const query = searchQuery(q, params);
    if (!query) return new Map();
    const rows = (await replicaReader(this.dataSource).query(
      `SELECT s.id, json_build_object(
                'text', stance_highlight(s.text, s.lang, f_q.query),
                'translations', coalesce((SELECT json_object_agg(t.key, t.marked ORDER BY t.key)
                                            FROM (SELECT tr.key, stance_highlight(tr.value, tr.key, f_q.query) AS marked
                                                    FROM jsonb_each_text(s.translations) tr) t
                                           WHERE strpos(t.marked, '<mark>') > 0), '{}'))::text AS json
         FROM (SELECT ${query} AS query) f_q, unnest($1::uuid[]) AS p(id) JOIN statements s ON s.id = p.id`,
      params,
    )) as { id: string; json: string }[];
    return new Map(rows.map((row) => [row.id, row.json]));
  }

  /**
   * A page of full-text matches by relevance. Ranking reads every match's document, which for a
   * common word is tens of thousands of rows (~0.5 s on a million statements), so only the newest
   * `RANKED_CANDIDATES` matches are ranked: the first pages hold them by relevance (then newest),
   * and the older matches follow, newest first. With fewer matches than that, the order is plain
   * relevance over all of them. Every match appears once, and the total counts them all.
   */
  private async rankedPage(
    db: Queryable,
    where: StatementWhere,
    limit: number,
    offset: number,
  ): Promise<{ id: string; _key?: undefined }[]> {
    const ids: string[] = [];
    const newest = `FROM statements s WHERE ${where.sql} ORDER BY s.said_on DESC, s.id DESC`;
    if (offset < RANKED_CANDIDATES) {
      const rows = (await db.query(
        `SELECT s.id FROM (SELECT s.id, s.said_on, s.search ${newest} LIMIT ${RANKED_CANDIDATES}) s
          ORDER BY ${statementOrderBy(null, where.rank)}
          LIMIT ${Math.min(limit, RANKED_CANDIDATES - offset)} OFFSET ${offset}`,
        where.params,
      )) as { id: string }[];
      ids.push(...rows.map((r) => r.id));
    }
    if (ids.length < limit && offset + limit > RANKED_CANDIDATES) {
      const rows = (await db.query(
        `SELECT s.id ${newest} LIMIT ${limit - ids.length} OFFSET ${Math.max(offset, RANKED_CANDIDATES)}`,
        where.params,
      )) as {
        id: string;
      }[];
      ids.push(...rows.map((r) => r.id));
    }
    return ids.map((id) => ({ id }));
  }

  /** One statement with its relations in both directions; a deleted one only with `withDeleted`. */
  async findOne(id: string, options: { withDeleted?: boolean; manager?: EntityManager; q?: string } = {}): Promise<StatementDto> {
    const manager = options.manager ?? replicaReader(this.dataSource);
    const statement = await this.findRow(manager, id, options.withDeleted ?? false);
    const highlight = (await this.highlights([id], options.q)).get(id);
    if (highlight) statement.highlight = JSON.parse(highlight) as StatementDto['highlight'];
    return this.withRelations(manager, statement);
  }

  /** The statement with its relations in both directions (to statements not deleted). */
  private async withRelations(manager: Queryable, statement: StatementDto): Promise<StatementDto> {
    const id = statement.id;
    const relations = (await manager.query(
      `SELECT r.id, r.type, 'outgoing' AS direction, r.to_statement_id AS "otherStatementId", left(o.text, 200) AS "otherText", r.note, r.created_at
         FROM relations r JOIN statements o ON o.id = r.to_statement_id
        WHERE r.from_statement_id = $1 AND o.deleted_at IS NULL
       UNION ALL
       SELECT r.id, r.type, 'incoming', r.from_statement_id, left(o.text, 200), r.note, r.created_at
         FROM relations r JOIN statements o ON o.id = r.from_statement_id
        WHERE r.to_statement_id = $1 AND o.deleted_at IS NULL
        ORDER BY created_at, id`,
      [id],
    )) as (StatementLinkDto & { created_at?: Date })[];
    return { ...statement, relations: relations.map(({ created_at: _, ...link }) => link) };
  }

  create(dto: StatementDto, user?: AuthUser): Promise<StatementDto> {
    return this.dataSource.transaction((manager) => this.insertOne(manager, dto, user));
  }

  /**
   * Several statements in one transaction, each through the same write path as `create` (with its
   * audit entry): all are saved or none. A field error names its item (`statements.2.text`).
   */
  createMany(dtos: StatementDto[], user?: AuthUser): Promise<StatementDto[]> {
    return this.dataSource.transaction(async (manager) => {
      const out: StatementDto[] = [];
      for (const [index, dto] of dtos.entries()) {
        try {
          out.push(await this.insertOne(manager, dto, user));
        } catch (error) {
          const mapped =
            error instanceof HttpException
              ? { statusCode: error.getStatus(), ...(error.getResponse() as { errors?: Record<string, string> }) }
              : mapDatabaseError((error instanceof QueryFailedError ? error.driverError : error) as never, 'POST');
          if (mapped?.statusCode !== 400) throw error;
          const errors = mapped.errors ?? {};
          throw new FieldErrorsException(
            Object.fromEntries(Object.entries(errors).map(([field, text]) => [`statements.${index}.${field}`, text])),
          );
        }
      }
      return out;
    });
  }

  private async insertOne(manager: EntityManager, dto: StatementDto, user?: AuthUser): Promise<StatementDto> {
    const values = await this.resolve(manager, dto, null);
    const { identifiers } = await manager.insert(Statement, { ...values, createdBy: user?.id ?? null, updatedBy: user?.id ?? null });
    const id = identifiers[0].id as string;
    await this.replaceLinks(manager, id, linkChanges(dto, null), true);
    const after = await this.findRow(manager, id, false);
    await auditChange(this.audit, manager, { entityType: 'statements', action: 'create', user, before: null, after });
    return { ...after, relations: [] };
  }

  /**
   * Optimistic locking: the edit names the version it is based on. The UPDATE only succeeds while
   * that version is current, so of two parallel edits of one version exactly one wins; the other
   * gets a 409 with the record as it now is, and writes nothing.
   */
  update(id: string, dto: UpdateStatementDto, user?: AuthUser): Promise<StatementDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findRow(manager, id, false);
      if (before.version !== dto.version) throw this.stale(before);
      const values = changedFields(before, await this.resolve(manager, dto, before));
      const links = linkChanges(dto, before);
      if (!Object.keys(values).length && !Object.keys(links).length) return this.findOne(id, { manager });
      const result = await manager
        .createQueryBuilder()
        .update(Statement)
        .set({ ...values, updatedBy: user?.id ?? null })
        .where('id = :id AND version = :version AND deleted_at IS NULL', { id, version: dto.version })
        .execute();
      if (result.affected !== 1) throw this.stale(await this.findRow(manager, id, true));
      await this.replaceLinks(manager, id, links);
      const after = await this.findRow(manager, id, false);
      await auditChange(this.audit, manager, { entityType: 'statements', action: 'update', user, before, after });
      return this.withRelations(manager, after);
    });
  }

  /** Soft delete: the statement leaves lists, positions and exports, and can be restored. */
  remove(id: string, user?: AuthUser): Promise<StatementDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findRow(manager, id, false);
      const [rows] = (await manager.query(
        `UPDATE statements SET deleted_at = now(), version = version + 1, updated_by = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
        [id, user?.id ?? null],
      )) as [unknown[], number];
      if (!rows.length) throw new NotFoundException(`statement ${id} not found`);
      const after = await this.findRow(manager, id, true);
      await auditChange(this.audit, manager, { entityType: 'statements', action: 'delete', user, before, after });
      return after;
    });
  }

  /** Brings a deleted statement back; restoring one that is not deleted changes nothing. */
  restore(id: string, user?: AuthUser): Promise<StatementDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.findRow(manager, id, true);
      if (before.deletedAt === null) return this.findOne(id, { manager });
      await manager.query(`UPDATE statements SET deleted_at = NULL, version = version + 1, updated_by = $2 WHERE id = $1`, [
        id,
        user?.id ?? null,
      ]);
      const after = await this.findRow(manager, id, false);
      await auditChange(this.audit, manager, { entityType: 'statements', action: 'restore', user, before, after });
      return this.findOne(id, { manager });
    });
  }

  private async findRow(manager: Queryable, id: string, withDeleted: boolean): Promise<StatementDto> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM statements s ${JOINS} WHERE s.id = $1 ${withDeleted ? '' : 'AND s.deleted_at IS NULL'}`,
      [id],
    )) as StatementDto[];
    if (!rows.length) throw new NotFoundException(`statement ${id} not found`);
    return rows[0];
  }

  private stale(current: StatementDto): ConflictException {
    return new ConflictException({
      message: `statement was changed meanwhile: version ${current.version} is current; reload it and apply the edit again`,
      current,
    });
  }

  /**
   * The statement's columns after applying `dto` to `current` (absent fields keep their value),
   * with the actor spoken for taken from the speaker's role on saidOn when it is not given, and
   * every referenced topic, tag and stance target checked, so that errors name the field.
   */
  private async resolve(manager: EntityManager, dto: Partial<StatementDto>, current: StatementDto | null): Promise<StatementValues> {
    const pick = <K extends keyof StatementValues>(key: K, fallback: StatementValues[K]): StatementValues[K] =>
      (dto[key] !== undefined ? dto[key] : current ? current[key] : fallback) as StatementValues[K];
    const values: StatementValues = {
      text: pick('text', ''),
      lang: pick('lang', ''),
      translations: pick('translations', {}) ?? {},
      originalLang: pick('originalLang', null),
      kind: pick('kind', 'quote'),
      channel: pick('channel', 'statement') ?? 'statement',
      speakerId: pick('speakerId', null),
      actorId: pick('actorId', null as unknown as string),
      saidOn: pick('saidOn', ''),
      sourceId: pick('sourceId', null),
      eventId: pick('eventId', null),
      status: pick('status', 'draft') ?? 'draft',
      notes: pick('notes', null),
    };
    const errors: Record<string, string> = {};
    if (values.speakerId && !(await manager.query(`SELECT 1 FROM actors WHERE id = $1`, [values.speakerId])).length) {
      throw new FieldErrorsException({ speakerId: 'does not exist' });
    }
    if (!values.actorId) {
      const actorId = values.speakerId ? await this.actorOfSpeaker(manager, values.speakerId, values.saidOn) : undefined;
      if (actorId) values.actorId = actorId;
      else {
        errors.actorId = values.speakerId
          ? 'is required: the speaker held no role on saidOn that names the body spoken for'
          : 'is required (or a speakerId whose role on saidOn gives it)';
      }
    }
    Object.assign(errors, await this.checkLinks(manager, dto));
    if (Object.keys(errors).length) throw new FieldErrorsException(errors);
    return values;
  }

  /** The body a person spoke for on a date: the role valid then, the most recently started first. */
  private async actorOfSpeaker(manager: EntityManager, speakerId: string, saidOn: string): Promise<string | undefined> {
    const rows = (await manager.query(
      `SELECT actor_id FROM actor_roles
        WHERE person_id = $1 AND (started_on IS NULL OR started_on <= $2::date) AND (ended_on IS NULL OR ended_on >= $2::date)
        ORDER BY started_on DESC NULLS LAST, ended_on NULLS FIRST, id
        LIMIT 1`,
      [speakerId, saidOn],
    )) as { actor_id: string }[];
    return rows[0]?.actor_id;
  }

  private async checkLinks(manager: EntityManager, dto: Partial<StatementDto>): Promise<Record<string, string>> {
    const errors: Record<string, string> = {};
    const stances = dto.stances ?? [];
    const actorTargets = stances.map((s) => s.targetActorId).filter((id): id is string => !!id);
    const topicTargets = stances.map((s) => s.targetTopicId).filter((id): id is string => !!id);
    const [existing] = (await manager.query(
      `SELECT array(SELECT id FROM topics WHERE id = ANY($1::uuid[]))::text[] AS topics,
              array(SELECT id FROM tags WHERE id = ANY($2::uuid[]))::text[] AS tags,
              array(SELECT id FROM actors WHERE id = ANY($3::uuid[]))::text[] AS actors`,
      [[...(dto.topicIds ?? []), ...topicTargets], dto.tagIds ?? [], actorTargets],
    )) as { topics: string[]; tags: string[]; actors: string[] }[];
    const has = (list: string[], id: string) => list.includes(id.toLowerCase());
    const missing = (ids: string[] | undefined, list: string[]) => (ids ?? []).filter((id) => !has(list, id));
    const missingTopics = missing(dto.topicIds, existing.topics);
    if (missingTopics.length) errors.topicIds = `unknown topics: ${missingTopics.join(', ')}`;
    const missingTags = missing(dto.tagIds, existing.tags);
    if (missingTags.length) errors.tagIds = `unknown tags: ${missingTags.join(', ')}`;
    const seen = new Set<string>();
    stances.forEach((stance: StanceDto, i) => {
      const field = `stances.${i}`;
      if (!!stance.targetActorId === !!stance.targetTopicId) {
        errors[`${field}.targetActorId`] = 'exactly one of targetActorId and targetTopicId is required';
        return;
      }
      const [key, id, list] = stance.targetActorId
        ? (['targetActorId', stance.targetActorId, existing.actors] as const)
        : (['targetTopicId', stance.targetTopicId!, existing.topics] as const);
      if (!has(list, id)) errors[`${field}.${key}`] = 'does not exist';
      else if (seen.has(`${key}:${id.toLowerCase()}`)) errors[`${field}.${key}`] = 'a statement takes one stance per target';
      seen.add(`${key}:${id.toLowerCase()}`);
    });
    return errors;
  }

  /** Replaces the links that `linkChanges` found different; a new statement has none to delete (each DELETE fires the links' triggers). */
  private async replaceLinks(manager: EntityManager, id: string, links: LinkChanges, isNew = false): Promise<void> {
    if (links.topicIds) {
      if (!isNew) await manager.query(`DELETE FROM statement_topics WHERE statement_id = $1`, [id]);
      await manager.query(`INSERT INTO statement_topics (statement_id, topic_id) SELECT $1, unnest($2::uuid[])`, [id, links.topicIds]);
    }
    if (links.tagIds) {
      if (!isNew) await manager.query(`DELETE FROM statement_tags WHERE statement_id = $1`, [id]);
      await manager.query(`INSERT INTO statement_tags (statement_id, tag_id) SELECT $1, unnest($2::uuid[])`, [id, links.tagIds]);
    }
    if (links.stances) {
      if (!isNew) await manager.delete(Stance, { statementId: id });
      if (links.stances.length) {
        await manager.insert(
          Stance,
          links.stances.map((s) => ({
            statementId: id,
            targetActorId: s.targetActorId ?? null,
            targetTopicId: s.targetTopicId ?? null,
            value: s.value,
          })),
        );
      }
    }
  }
}

interface LinkChanges {
  topicIds?: string[];
  tagIds?: string[];
  stances?: StanceDto[];
}

/** Topics, tags and stances given in the request that differ from the stored ones; absent ones stay. */
function linkChanges(dto: Partial<StatementDto>, current: StatementDto | null): LinkChanges {
  const changes: LinkChanges = {};
  const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
  const topicIds = dto.topicIds && [...new Set(dto.topicIds.map((t) => t.toLowerCase()))];
  if (topicIds && !sameSet(topicIds, current?.topicIds ?? [])) changes.topicIds = topicIds;
  const tagIds = dto.tagIds && [...new Set(dto.tagIds.map((t) => t.toLowerCase()))];
  if (tagIds && !sameSet(tagIds, current?.tagIds ?? [])) changes.tagIds = tagIds;
  const key = (s: StanceDto) => `${s.targetActorId?.toLowerCase() ?? ''}|${s.targetTopicId?.toLowerCase() ?? ''}|${s.value}`;
  if (dto.stances && !sameSet(dto.stances.map(key), (current?.stances ?? []).map(key))) changes.stances = dto.stances;
  return changes;
}
