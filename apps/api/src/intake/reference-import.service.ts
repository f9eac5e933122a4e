import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsService } from '../actors/actors.service';
import type { ActorDto } from '../actors/dto/actor.dto';
import type { AuthUser } from '../auth/auth.decorators';
import { FieldErrorsException } from '../common/api-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { ReferenceResource } from '../export/reference-export.query';
import type { SourceDto } from '../sources/dto/source.dto';
import { SourcesService } from '../sources/sources.service';
import type { TopicDto } from '../topics/dto/topic.dto';
import { TopicsService } from '../topics/topics.service';
import { checkHeader, databaseErrorOfRow, ImportError, ImportResult, MAX_ERRORS, recordCells, runCsvImport } from './csv-import';
import { planHierarchy } from './hierarchy-plan';
import { columnOf, parseReferenceRow, ReferenceRow, referenceImportColumns } from './reference-rows';

/** One write of the import: a row, the id it writes, whether that record exists, and the DTO to send. */
interface Write {
  row: number;
  id: string;
  exists: boolean;
  dto: Record<string, unknown>;
}

/**
 * Actors, topics and sources from CSV files in their export's format, with the statements
 * import's rules: all or nothing in one transaction, `dryRun`, errors by row and column.
 *
 * These tables are small (thousands of rows), so the parsed rows of a file are held until the end:
 * parents are matched across the whole file and written first, wherever they appear. The file's
 * text itself is streamed through the parser. Each row is written through the resource's service,
 * as `POST`/`PUT` would write it (the same checks, the same audit entry; the database triggers keep
 * actors' paths), inside the import's transaction.
 */
@Injectable()
export class ReferenceImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ActorsService,
    private readonly topics: TopicsService,
    private readonly sources: SourcesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  import(resource: ReferenceResource, request: Request, options: { dryRun: boolean; user?: AuthUser }): Promise<ImportResult> {
    const input = { request, dryRun: options.dryRun, limits: this.config.importLimits };
    return runCsvImport(this.dataSource, input, async (records, manager) => {
      const errors: ImportError[] = [];
      const rows = this.read(resource, records, errors);
      if (errors.length) return { created: 0, updated: 0, errors };
      const writes = await this.plan(resource, rows, manager, errors);
      if (errors.length) return { created: 0, updated: 0, errors };
      return this.write(resource, writes, manager, options.user);
    });
  }

  private read(resource: ReferenceResource, records: string[][], errors: ImportError[]): ReferenceRow[] {
    const rows: ReferenceRow[] = [];
    let header: string[] | null = null;
    let row = 0;
    for (const record of records) {
      if (!header) {
        header = record.map((c) => c.trim());
        errors.push(...checkHeader(header, referenceImportColumns(resource)));
        if (errors.length) break;
        continue;
      }
      const cells = recordCells(header, record, ++row, errors);
      if (cells) rows.push(parseReferenceRow(resource, cells, row, errors));
      if (errors.length >= MAX_ERRORS) break;
    }
    if (!header) errors.push({ row: 0, field: 'file', message: 'is empty: a header row is required' });
    return rows;
  }

  /** What to write, in the order to write it: ids matched, parents and role bodies resolved. */
  private async plan(resource: ReferenceResource, rows: ReferenceRow[], manager: EntityManager, errors: ImportError[]): Promise<Write[]> {
    if (resource === 'sources') {
      const ids = rows.map((row) => row.id).filter((id): id is string => !!id);
      const found = await manager.query<{ id: string }[]>(`SELECT id FROM sources WHERE id = ANY($1::uuid[])`, [ids]);
      const existing = new Set(found.map((s) => s.id));
      const seen = new Map<string, number>();
      return rows.map((row) => {
        const id = row.id ?? randomUUID();
        if (seen.has(id)) errors.push({ row: row.row, field: 'id', message: `appears twice: also in row ${seen.get(id)}` });
        seen.set(id, row.row);
        return { row: row.row, id, exists: existing.has(id), dto: row.fields };
      });
    }

    const existing = await manager.query<{ id: string; slug: string; parentId: string | null; kind: string | null }[]>(
      `SELECT id, slug, parent_id AS "parentId", ${resource === 'actors' ? 'kind' : 'NULL AS kind'} FROM ${resource}`,
    );
    const what = resource === 'actors' ? 'actor' : 'topic';
    const plan = planHierarchy(rows, existing, what, errors);
    const kindOf = new Map(existing.map((node) => [node.id, node.kind]));
    rows.forEach((row, i) =>
      kindOf.set(plan.targets[i].id, (row.fields.kind as string | undefined) ?? kindOf.get(plan.targets[i].id) ?? null),
    );

    const writes = rows.map((row, i): Write => {
      const { id, exists } = plan.targets[i];
      const dto: Record<string, unknown> = { ...row.fields };
      if (row.parentSlug !== undefined) dto.parentId = row.parentSlug === null ? null : plan.idOfSlug.get(row.parentSlug);
      if (resource === 'actors') {
        const fail = (field: string, message: string) => errors.push({ row: row.row, field, message });
        const isPerson = kindOf.get(id) === 'person';
        const parentId = plan.parentOf.get(id);
        if (isPerson && parentId) fail('parentSlug', 'must be empty: a person is not placed in the hierarchy');
        if (parentId && kindOf.get(parentId) === 'person') fail('parentSlug', `${row.parentSlug} is a person; a body or group is required`);
        if (row.roles?.length && !isPerson) fail('roles', 'only a person holds roles');
        if (row.roles) {
          dto.roles = row.roles.map((role) => {
            const actorId = plan.idOfSlug.get(role.slug);
            if (!actorId) fail('roles', `no actor has the slug ${role.slug}`);
            else if (kindOf.get(actorId) === 'person') fail('roles', `${role.slug} is a person; a role is held in a body or group`);
            return { actorId, title: role.title, from: role.from, to: role.to };
          });
        }
      }
      return { row: row.row, id, exists, dto };
    });
    // Persons last: they hang nowhere, but their roles need the bodies written first.
    const last = (i: number) => (resource === 'actors' && kindOf.get(plan.targets[i].id) === 'person' ? 1 : 0);
    return [...plan.order].sort((a, b) => last(a) - last(b)).map((i) => writes[i]);
  }

  private async write(resource: ReferenceResource, writes: Write[], manager: EntityManager, user?: AuthUser): Promise<ImportResult> {
    const result: ImportResult = { created: 0, updated: 0, errors: [] };
    for (const write of writes) {
      try {
        if (write.exists) await this.update(resource, manager, write, user);
        else await this.create(resource, manager, write, user);
        if (write.exists) result.updated++;
        else result.created++;
      } catch (error) {
        // After a database error the transaction is aborted: nothing more can be written.
        const fields = error instanceof FieldErrorsException ? (error.getResponse() as { errors: Record<string, string> }).errors : null;
        const [field, message] = fields ? Object.entries(fields)[0] : databaseErrorOfRow(error);
        result.errors.push({ row: write.row, field: columnOf(field, write.dto), message });
        break;
      }
    }
    return result;
  }

  private create(resource: ReferenceResource, manager: EntityManager, write: Write, user?: AuthUser): Promise<unknown> {
    if (resource === 'actors') return this.actors.createIn(manager, write.dto as unknown as ActorDto, user, write.id);
    if (resource === 'topics') return this.topics.createIn(manager, write.dto as unknown as TopicDto, user, write.id);
    return this.sources.createIn(manager, write.dto as unknown as SourceDto, user, write.id);
  }

  private update(resource: ReferenceResource, manager: EntityManager, write: Write, user?: AuthUser): Promise<unknown> {
    if (resource === 'actors') return this.actors.updateIn(manager, write.id, write.dto, user);
    if (resource === 'topics') return this.topics.updateIn(manager, write.id, write.dto, user);
    return this.sources.updateIn(manager, write.id, write.dto, user);
  }
}
