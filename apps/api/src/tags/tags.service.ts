import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { auditChange } from '../common/audit-change';
import { countLimit, ListQuery, ListSpec, orderBy, Page } from '../common/list-query';
import { assertNotReferenced } from '../common/references';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, nameMatches, pickDefined, RowSource } from '../common/sql';
import { TagDto, TagFilter, UpdateTagDto } from './dto/tag.dto';
import { Tag } from './tag.entity';
import { replicaReader } from '../database/read-query';

export const TAG_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text' },
  sort: { id: 't.id', name: 't.name', slug: 't.slug', createdAt: 't.created_at', updatedAt: 't.updated_at' },
};

const ROWS: RowSource = {
  from: 'tags t',
  columns: `t.id, t.slug, t.name, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`,
};

const WRITABLE = ['slug', 'name'] as const;

@Injectable()
export class TagsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<TagFilter>): Promise<Page<TagDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.id) where.push(`t.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
    // The same expression as tags_name_trgm_idx.
    if (filter.q) where.push(nameMatches(`stance_normalize(t.name || ' ' || t.slug)`, filter.q, params));
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: and(where),
      params,
      orderBy: orderBy(TAG_LIST, sort ?? { field: 'name', order: 'ASC' }),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<TagDto> {
    return fetchOneOrFail(manager, ROWS, 't.id', id, 'tag');
  }

  create(dto: TagDto, user?: AuthUser): Promise<TagDto> {
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Tag, pickDefined(dto, WRITABLE));
      const after = await this.findOne(identifiers[0].id as string, manager);
      await auditChange(this.audit, manager, { entityType: 'tags', action: 'create', user, before: null, after });
      return after;
    });
  }

  update(id: string, dto: UpdateTagDto, user?: AuthUser): Promise<TagDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'tags', id, 'tag');
      const before = await this.findOne(id, manager);
      const changes = changedFields(before, pickDefined(dto, WRITABLE));
      if (!Object.keys(changes).length) return before;
      await manager.update(Tag, id, changes);
      const after = await this.findOne(id, manager);
      await auditChange(this.audit, manager, { entityType: 'tags', action: 'update', user, before, after });
      return after;
    });
  }

  remove(id: string, user?: AuthUser): Promise<TagDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'tags', id, 'tag');
      const before = await this.findOne(id, manager);
      await assertNotReferenced(manager, `tag "${before.name}"`, id, [
        { label: 'statements', count: 'SELECT count(*) FROM statement_tags WHERE tag_id = $1' },
      ]);
      await manager.delete(Tag, id);
      await auditChange(this.audit, manager, { entityType: 'tags', action: 'delete', user, before, after: null });
      return before;
    });
  }
}
