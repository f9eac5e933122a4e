import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, diff } from '../audit/audit.service';
import { mapDatabaseError } from '../common/database-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { checkHeader, databaseErrorOfRow, ImportError, ImportResult, MAX_ERRORS, runCsvImport } from './csv-import';
import { ImportRow, parseRow, STATEMENT_IMPORT_COLUMNS } from './import-row';
/**
 * Rows are written this many at a time: one INSERT per table and batch, and each INSERT or DELETE
 * on stances refreshes the position aggregates of the actors and months it touches (a
 * statement-level trigger), so once per batch instead of once per row keeps a large import linear.
 */
export const IMPORT_BATCH = 5000;

interface Stance {
  targetActorId: string | null;
  targetTopicId: string | null;
  value: number;
}

/** A statement's columns after its id, in the order of the UPDATE and of the batch INSERT. */
type StatementColumns = [
  text: string,
  lang: string,
  translations: string,
  originalLang: string | null,
  kind: string,
  channel: string,
  speakerId: string | null,
  actorId: string,
  saidOn: string,
  sourceId: string | null,
  eventId: string | null,
  status: string,
  notes: string | null,
];
/** A statement to insert: its id, then its columns. */
type NewStatement = [id: string, ...StatementColumns];

/**
 * Writes waiting for the next batch: new statements, their topic and tag links, audit entries and
 * stances. Each becomes one statement per batch, so triggers and round trips stay per batch.
 */
class PendingWrites {
  private statements: NewStatement[] = [];
  private links: { table: 'statement_topics' | 'statement_tags'; statementId: string; id: string }[] = [];
  private audits: { action: 'create' | 'update'; entityId: string; changes: string }[] = [];
  private replaced: string[] = [];
  private stances: (Stance & { statementId: string })[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly userId: string | null) {}

  has(statementId: string): boolean {
    return this.ids.has(statementId);
  }

  get size(): number {
    return this.ids.size;
  }

  create(row: NewStatement): void {
    this.statements.push(row);
  }

  add(
    statementId: string,
    write: {
      topicIds: string[];
      tagIds: string[];
      stances: Stance[];
      replacing: boolean;
      audit: { action: 'create' | 'update'; changes: object };
    },
  ): void {
    this.ids.add(statementId);
    for (const id of write.topicIds) this.links.push({ table: 'statement_topics', statementId, id });
    for (const id of write.tagIds) this.links.push({ table: 'statement_tags', statementId, id });
    if (write.replacing) this.replaced.push(statementId);
    for (const stance of write.stances) this.stances.push({ statementId, ...stance });
    this.audits.push({ action: write.audit.action, entityId: statementId, changes: JSON.stringify(write.audit.changes) });
  }

  async flush(manager: EntityManager): Promise<void> {
    const column = <T>(rows: T[][], i: number) => rows.map((r) => r[i]);
    if (this.statements.length) {
      const rows = this.statements as unknown[][];
      await manager.query(
        `INSERT INTO statements (id, text, lang, translations, original_lang, kind, channel, speaker_id, actor_id, said_on, source_id, event_id,
                                 status, notes, created_by, updated_by)
         SELECT id, text, lang, tr::jsonb, ol, kind, channel, sp, ac, said::date, src, ev, status, notes, $15, $15
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::text[],
                       $11::uuid[], $12::uuid[], $13::text[], $14::text[])
             AS x(id, text, lang, tr, ol, kind, channel, sp, ac, said, src, ev, status, notes)`,
        [...Array.from({ length: 14 }, (_, i) => column(rows, i)), this.userId],
      );
    }
    for (const table of ['statement_topics', 'statement_tags'] as const) {
      const links = this.links.filter((l) => l.table === table);
      if (!links.length) continue;
      const other = table === 'statement_topics' ? 'topic_id' : 'tag_id';
      await manager.query(`INSERT INTO ${table} (statement_id, ${other}) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
        links.map((l) => l.statementId),
        links.map((l) => l.id),
      ]);
    }
    if (this.audits.length) {
      await manager.query(
        `INSERT INTO audit (user_id, action, entity_type, entity_id, changes)
         SELECT $1, action, 'statements', entity_id, changes::jsonb FROM unnest($2::text[], $3::uuid[], $4::text[]) AS x(action, entity_id, changes)`,
        [this.userId, this.audits.map((a) => a.action), this.audits.map((a) => a.entityId), this.audits.map((a) => a.changes)],
      );
    }
    if (this.replaced.length) await manager.query(`DELETE FROM stances WHERE statement_id = ANY($1::uuid[])`, [this.replaced]);
    if (this.stances.length) {
      await manager.query(
        `INSERT INTO stances (statement_id, target_actor_id, target_topic_id, value)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[])`,
        [
          this.stances.map((r) => r.statementId),
          this.stances.map((r) => r.targetActorId),
          this.stances.map((r) => r.targetTopicId),
          this.stances.map((r) => r.value),
        ],
      );
    }
    this.statements = [];
    this.links = [];
    this.audits = [];
    this.replaced = [];
    this.stances = [];
    this.ids.clear();
  }
}

interface Refs {
  actors: Map<string, { id: string; kind: string }>;
  topics: Map<string, string>;
  tags: Map<string, string>;
  sources: Set<string>;
  events: Set<string>;
}

/**
 * Statements from a CSV in the export's format: streamed record by record through csv-parse and
 * written as they come inside one transaction, which commits only when every row is valid (and
 * not a dry run). References resolve by slug (actors, speakers, topics, tags, stance targets) or
 * by id (sources, events); a missing topic, tag, source or event is created from the row's names,
 * a missing actor is an error. A row whose `id` exists updates that statement.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  import(request: Request, options: { dryRun: boolean; user?: AuthUser }): Promise<ImportResult> {
    return runCsvImport(this.dataSource, { request, dryRun: options.dryRun, limits: this.config.importLimits }, (records, manager) =>
      this.run(records, manager, options.user),
    );
  }

  private async run(records: string[][], manager: EntityManager, user?: AuthUser): Promise<ImportResult> {
    const refs = await this.refs(manager);
    const result: ImportResult = { created: 0, updated: 0, errors: [] };
    let header: string[] | null = null;
    let row = 0;
    // After a database error the transaction is aborted: later rows are only checked, not written.
    let writable = true;
    const pending = new PendingWrites(user?.id ?? null);
    let batchStart = 1;
    const flush = async () => {
      if (!writable) return;
      try {
        await pending.flush(manager);
      } catch (error) {
        writable = false;
        result.errors.push({ row: batchStart, field: 'row', message: this.databaseMessage(error, `rows ${batchStart}–${row}`) });
      }
      batchStart = row + 1;
    };
    for (const record of records) {
      if (!header) {
        header = record.map((c) => c.trim());
        result.errors.push(...checkHeader(header, STATEMENT_IMPORT_COLUMNS));
        if (result.errors.length) break;
        continue;
      }
      row++;
      const parsed = parseRow(header, record, row, result.errors);
      if (parsed) this.resolve(parsed, row, refs, result.errors);
      if (result.errors.length) writable = false;
      if (result.errors.length >= MAX_ERRORS) break;
      if (!parsed || !writable) continue;
      if (parsed.id && pending.has(parsed.id)) await flush();
      try {
        const created = await this.write(manager, parsed, refs, pending, user);
        if (created) result.created++;
        else result.updated++;
      } catch (error) {
        writable = false;
        const [field, message] = databaseErrorOfRow(error);
        result.errors.push({ row, field, message });
      }
      if (pending.size >= IMPORT_BATCH) await flush();
    }
    if (!result.errors.length) await flush();
    if (!header) result.errors.push({ row: 0, field: 'file', message: 'is empty: a header row is required' });
    return result;
  }

  private async refs(manager: EntityManager): Promise<Refs> {
    const actors = await manager.query<{ slug: string; id: string; kind: string }[]>(`SELECT slug, id, kind FROM actors`);
    const topics = await manager.query<{ slug: string; id: string }[]>(`SELECT slug, id FROM topics`);
    const tags = await manager.query<{ slug: string; id: string }[]>(`SELECT slug, id FROM tags`);
    const sources = await manager.query<{ id: string }[]>(`SELECT id FROM sources`);
    const events = await manager.query<{ id: string }[]>(`SELECT id FROM events`);
    return {
      actors: new Map(actors.map((a) => [a.slug, { id: a.id, kind: a.kind }])),
      topics: new Map(topics.map((t) => [t.slug, t.id])),
      tags: new Map(tags.map((t) => [t.slug, t.id])),
      sources: new Set(sources.map((s) => s.id)),
      events: new Set(events.map((e) => e.id)),
    };
  }

  /** Errors for references that cannot be resolved or created from the row. */
  private resolve(row: ImportRow, n: number, refs: Refs, errors: ImportError[]): void {
    const actor = refs.actors.get(row.actorSlug);
    if (!actor) errors.push({ row: n, field: 'actorSlug', message: `no actor has the slug ${row.actorSlug}` });
    else if (actor.kind === 'person')
      errors.push({ row: n, field: 'actorSlug', message: `${row.actorSlug} is a person; a body or group is required` });
    if (row.speakerSlug) {
      const speaker = refs.actors.get(row.speakerSlug);
      if (!speaker) errors.push({ row: n, field: 'speakerSlug', message: `no actor has the slug ${row.speakerSlug}` });
      else if (speaker.kind !== 'person') errors.push({ row: n, field: 'speakerSlug', message: `${row.speakerSlug} is not a person` });
    }
    for (const stance of row.stances) {
      const known =
        stance.type === 'actor'
          ? refs.actors.has(stance.slug)
          : refs.topics.has(stance.slug) || row.topics.some((t) => t.slug === stance.slug);
      if (!known) errors.push({ row: n, field: 'stances', message: `no ${stance.type} has the slug ${stance.slug}` });
    }
    if (row.source && !refs.sources.has(row.source.id) && !row.source.title) {
      errors.push({ row: n, field: 'sourceTitle', message: 'is required to create the source this row refers to' });
    }
    if (row.event && !refs.events.has(row.event.id) && !row.event.name) {
      errors.push({ row: n, field: 'event', message: 'is required to create the event this row refers to' });
    }
  }

  /** Writes one row; true when it created a statement, false when it updated one. */
  private async write(manager: EntityManager, row: ImportRow, refs: Refs, pending: PendingWrites, user?: AuthUser): Promise<boolean> {
    const userId = user?.id ?? null;
    if (row.source && !refs.sources.has(row.source.id)) {
      const s = row.source;
      await manager.query(`INSERT INTO sources (id, title, outlet, url, published_at) VALUES ($1, $2, $3, $4, $5)`, [
        s.id,
        s.title,
        s.outlet,
        s.url,
        s.publishedAt,
      ]);
      await this.audit.record(manager, { userId, action: 'create', entityType: 'sources', entityId: s.id, before: null, after: { ...s } });
      refs.sources.add(s.id);
    }
    if (row.event && !refs.events.has(row.event.id)) {
      await manager.query(`INSERT INTO events (id, name) VALUES ($1, $2)`, [row.event.id, row.event.name]);
      await this.audit.record(manager, {
        userId,
        action: 'create',
        entityType: 'events',
        entityId: row.event.id,
        before: null,
        after: { ...row.event },
      });
      refs.events.add(row.event.id);
    }
    const topicIds = await this.ensureNamed(manager, 'topics', row.topics, refs.topics, userId);
    const tagIds = await this.ensureNamed(manager, 'tags', row.tags, refs.tags, userId);
    const stances = row.stances.map((s) => ({
      targetActorId: s.type === 'actor' ? refs.actors.get(s.slug)!.id : null,
      targetTopicId: s.type === 'topic' ? refs.topics.get(s.slug)! : null,
      value: s.value,
    }));
    const fields = {
      text: row.text,
      lang: row.lang,
      translations: row.translations,
      originalLang: row.originalLang,
      kind: row.kind,
      channel: row.channel,
      speakerId: row.speakerSlug ? refs.actors.get(row.speakerSlug)!.id : null,
      actorId: refs.actors.get(row.actorSlug)!.id,
      saidOn: row.saidOn,
      sourceId: row.source?.id ?? null,
      eventId: row.event?.id ?? null,
      status: row.status,
      notes: row.notes,
    };
    const existing = row.id ? await this.current(manager, row.id) : null;
    const id = row.id ?? randomUUID();
    // In the column order of both the UPDATE below and the batched INSERT.
    const columns: StatementColumns = [
      fields.text,
      fields.lang,
      JSON.stringify(fields.translations),
      fields.originalLang,
      fields.kind,
      fields.channel,
      fields.speakerId,
      fields.actorId,
      fields.saidOn,
      fields.sourceId,
      fields.eventId,
      fields.status,
      fields.notes,
    ];
    const after = { ...fields, topicIds: [...topicIds].sort(), tagIds: [...tagIds].sort(), stances: sortStances(stances) };
    const changes = diff(existing, after);
    // A row that matches its statement as stored is counted as updated but writes nothing: no version, no audit entry.
    if (existing && !Object.keys(changes).length) return false;
    if (existing) {
      await manager.query(
        `UPDATE statements SET text = $1, lang = $2, translations = $3, original_lang = $4, kind = $5, channel = $6, speaker_id = $7,
                actor_id = $8, said_on = $9, source_id = $10, event_id = $11, status = $12, notes = $13, updated_by = $14, version = version + 1
          WHERE id = $15`,
        [...columns, userId, id],
      );
      await manager.query(`DELETE FROM statement_topics WHERE statement_id = $1`, [id]);
      await manager.query(`DELETE FROM statement_tags WHERE statement_id = $1`, [id]);
    } else {
      pending.create([id, ...columns]);
    }
    pending.add(id, {
      topicIds,
      tagIds,
      stances,
      replacing: !!existing,
      audit: { action: existing ? 'update' : 'create', changes },
    });
    return !existing;
  }

  /** The statement as the audit trail compares it, or null when no statement has this id. */
  private async current(manager: EntityManager, id: string): Promise<Record<string, unknown> | null> {
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT s.text, s.lang, s.translations, s.original_lang AS "originalLang", s.kind, s.channel, s.speaker_id AS "speakerId",
              s.actor_id AS "actorId", to_char(s.said_on, 'YYYY-MM-DD') AS "saidOn", s.source_id AS "sourceId", s.event_id AS "eventId",
              s.status, s.notes,
              coalesce((SELECT array_agg(topic_id::text ORDER BY topic_id) FROM statement_topics WHERE statement_id = s.id), '{}') AS "topicIds",
              coalesce((SELECT array_agg(tag_id::text ORDER BY tag_id) FROM statement_tags WHERE statement_id = s.id), '{}') AS "tagIds",
              coalesce((SELECT json_agg(json_build_object('targetActorId', target_actor_id, 'targetTopicId', target_topic_id, 'value', value))
                          FROM stances WHERE statement_id = s.id), '[]') AS stances
         FROM statements s WHERE s.id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows.length) return null;
    return { ...rows[0], stances: sortStances(rows[0].stances as Stance[]) };
  }

  /** Ids for the slugs, creating the topics or tags that do not exist yet. */
  private async ensureNamed(
    manager: EntityManager,
    table: 'topics' | 'tags',
    items: { slug: string; name: string }[],
    known: Map<string, string>,
    userId: string | null,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const item of items) {
      let id = known.get(item.slug);
      if (!id) {
        const rows = await manager.query<{ id: string }[]>(`INSERT INTO ${table} (slug, name) VALUES ($1, $2) RETURNING id`, [
          item.slug,
          item.name,
        ]);
        id = rows[0].id;
        known.set(item.slug, id);
        await this.audit.record(manager, { userId, action: 'create', entityType: table, entityId: id, before: null, after: { ...item } });
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private databaseMessage(error: unknown, where: string): string {
    const pg = error instanceof QueryFailedError ? (error.driverError as object) : null;
    const mapped = pg ? mapDatabaseError(pg as never, 'POST') : undefined;
    if (!mapped) throw error;
    return `${mapped.message} (${where})`;
  }
}

const sortStances = (stances: Stance[]) =>
  [...stances].sort((a, b) => `${a.targetActorId}${a.targetTopicId}`.localeCompare(`${b.targetActorId}${b.targetTopicId}`));
