import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { auditChange } from '../common/audit-change';
import { countLimit, ListQuery, ListSpec, orderBy, Page, Sort } from '../common/list-query';
import { assertNotReferenced } from '../common/references';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, nameMatches, pickDefined, RowSource } from '../common/sql';
import { SourceDto, SourceFilter, UpdateSourceDto } from './dto/source.dto';
import { Source } from './source.entity';
import { replicaReader } from '../database/read-query';

export const SOURCE_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text', lang: 'lang' },
  sort: {
    id: 's.id',
    title: 's.title',
    outlet: 's.outlet',
    publishedAt: 's.published_at',
    lang: 's.lang',
    createdAt: 's.created_at',
    updatedAt: 's.updated_at',
  },
};

const COLUMNS = `s.id, s.title, s.outlet, s.url, s.published_at AS "publishedAt", s.lang, s.credit, s.version,
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
/** Lists leave out the body (long, and not needed to pick a source). */
const LIST_ROWS: RowSource = { from: 'sources s', columns: COLUMNS };
const ONE_ROW: RowSource = { from: 'sources s', columns: `${COLUMNS}, s.body` };

export const SOURCE_DEFAULT_SORT: Sort = { field: 'publishedAt', order: 'DESC' };

/** The list's filter as SQL over `sources s`: lists and the export show the same rows. */
export function sourceWhere(filter: SourceFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.id) where.push(`s.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
  if (filter.lang) where.push(`s.lang = ANY(${bind(params, filter.lang, 'text[]')})`);
  // The same expression as sources_search_trgm_idx.
  if (filter.q) where.push(nameMatches(`stance_normalize(s.title || ' ' || coalesce(s.outlet, ''))`, filter.q, params));
  return and(where);
}

const WRITABLE = ['title', 'outlet', 'url', 'publishedAt', 'lang', 'credit', 'body'] as const;

@Injectable()
export class SourcesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<SourceFilter>): Promise<Page<SourceDto>> {
    const params: unknown[] = [];
    return fetchPage(replicaReader(this.dataSource), LIST_ROWS, {
      where: sourceWhere(filter, params),
      params,
      orderBy: orderBy(SOURCE_LIST, sort ?? SOURCE_DEFAULT_SORT),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<SourceDto> {
    return fetchOneOrFail(manager, ONE_ROW, 's.id', id, 'source');
  }

  create(dto: SourceDto, user?: AuthUser): Promise<SourceDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, dto, user));
  }

  /** Creates a source in the caller's transaction (an import gives the `id` its file names). */
  async createIn(manager: EntityManager, dto: SourceDto, user?: AuthUser, id?: string): Promise<SourceDto> {
    const { identifiers } = await manager.insert(Source, { ...pickDefined(dto, WRITABLE), ...(id ? { id } : {}) });
    const after = await this.findOne(identifiers[0].id as string, manager);
    await auditChange(this.audit, manager, { entityType: 'sources', action: 'create', user, before: null, after });
    return after;
  }

  update(id: string, dto: UpdateSourceDto, user?: AuthUser): Promise<SourceDto> {
    return this.dataSource.transaction((manager) => this.updateIn(manager, id, dto, user));
  }

  async updateIn(manager: EntityManager, id: string, dto: UpdateSourceDto, user?: AuthUser): Promise<SourceDto> {
    await lockOrFail(manager, 'sources', id, 'source');
    const before = await this.findOne(id, manager);
    const changes = changedFields(before, pickDefined(dto, WRITABLE));
    if (!Object.keys(changes).length) return before;
    await manager.update(Source, id, changes);
    const after = await this.findOne(id, manager);
    await auditChange(this.audit, manager, { entityType: 'sources', action: 'update', user, before, after });
    return after;
  }

  remove(id: string, user?: AuthUser): Promise<SourceDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'sources', id, 'source');
      const before = await this.findOne(id, manager);
      await assertNotReferenced(manager, `source "${before.title}"`, id, [
        { label: 'statements', count: 'SELECT count(*) FROM statements WHERE source_id = $1' },
      ]);
      await manager.delete(Source, id);
      await auditChange(this.audit, manager, { entityType: 'sources', action: 'delete', user, before, after: null });
      return before;
    });
  }
}
