import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { auditChange } from '../common/audit-change';
import { lockForMove } from '../common/hierarchy-move';
import { countLimit, ListQuery, ListSpec, orderBy, Page, Sort } from '../common/list-query';
import { assertNotReferenced } from '../common/references';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, nameMatches, pickDefined, RowSource } from '../common/sql';
import { TopicDto, TopicFilter, UpdateTopicDto } from './dto/topic.dto';
import { Topic } from './topic.entity';
import { replicaReader } from '../database/read-query';

export const TOPIC_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text', parentId: 'uuidOrNull' },
  sort: { id: 't.id', name: 't.name', slug: 't.slug', parentName: 'p.name', createdAt: 't.created_at', updatedAt: 't.updated_at' },
};

const ROWS: RowSource = {
  from: 'topics t',
  joins: 'LEFT JOIN topics p ON p.id = t.parent_id',
  columns: `t.id, t.slug, t.name, t.names, t.parent_id AS "parentId", t.description, p.name AS "parentName",
    t.created_at AS "createdAt", t.updated_at AS "updatedAt"`,
};

export const TOPIC_DEFAULT_SORT: Sort = { field: 'name', order: 'ASC' };

/** The list's filter as SQL over `topics t`: lists and the export show the same rows. */
export function topicWhere(filter: TopicFilter, params: unknown[]): string {
  const where: string[] = [];
  if (filter.id) where.push(`t.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
  if (filter.parentId === null) where.push('t.parent_id IS NULL');
  else if (filter.parentId) where.push(`t.parent_id = ANY(${bind(params, filter.parentId, 'uuid[]')})`);
  if (filter.q) where.push(nameMatches('t.search_text', filter.q, params));
  return and(where);
}

const WRITABLE = ['slug', 'name', 'names', 'parentId', 'description'] as const;

@Injectable()
export class TopicsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<TopicFilter>): Promise<Page<TopicDto>> {
    const params: unknown[] = [];
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: topicWhere(filter, params),
      params,
      orderBy: orderBy(TOPIC_LIST, sort ?? TOPIC_DEFAULT_SORT),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<TopicDto> {
    return fetchOneOrFail(manager, ROWS, 't.id', id, 'topic');
  }

  create(dto: TopicDto, user?: AuthUser): Promise<TopicDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, dto, user));
  }

  /** Creates a topic in the caller's transaction (an import gives the `id` its file names). */
  async createIn(manager: EntityManager, dto: TopicDto, user?: AuthUser, id?: string): Promise<TopicDto> {
    const { identifiers } = await manager.insert(Topic, { ...pickDefined(dto, WRITABLE), ...(id ? { id } : {}) });
    const after = await this.findOne(identifiers[0].id as string, manager);
    await auditChange(this.audit, manager, { entityType: 'topics', action: 'create', user, before: null, after });
    return after;
  }

  update(id: string, dto: UpdateTopicDto, user?: AuthUser): Promise<TopicDto> {
    return this.dataSource.transaction((manager) => this.updateIn(manager, id, dto, user));
  }

  async updateIn(manager: EntityManager, id: string, dto: UpdateTopicDto, user?: AuthUser): Promise<TopicDto> {
    await lockForMove(manager, 'topics', id, dto.parentId);
    await lockOrFail(manager, 'topics', id, 'topic');
    const before = await this.findOne(id, manager);
    const changes = changedFields(before, pickDefined(dto, WRITABLE));
    if (!Object.keys(changes).length) return before;
    await manager.update(Topic, id, changes);
    const after = await this.findOne(id, manager);
    await auditChange(this.audit, manager, { entityType: 'topics', action: 'update', user, before, after });
    return after;
  }

  remove(id: string, user?: AuthUser): Promise<TopicDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'topics', id, 'topic');
      const before = await this.findOne(id, manager);
      await assertNotReferenced(manager, `topic "${before.name}"`, id, [
        { label: 'statements', count: 'SELECT count(*) FROM statement_topics WHERE topic_id = $1' },
        { label: 'stances', count: 'SELECT count(*) FROM stances WHERE target_topic_id = $1' },
        { label: 'subtopics', count: 'SELECT count(*) FROM topics WHERE parent_id = $1' },
      ]);
      await manager.delete(Topic, id);
      await auditChange(this.audit, manager, { entityType: 'topics', action: 'delete', user, before, after: null });
      return before;
    });
  }
}
