import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { AuditService, changedFields } from '../audit/audit.service';
import { auditChange } from '../common/audit-change';
import { countLimit, ListQuery, ListSpec, orderBy, Page } from '../common/list-query';
import { assertNotReferenced } from '../common/references';
import { and, bind, fetchOneOrFail, fetchPage, lockOrFail, nameMatches, pickDefined, RowSource } from '../common/sql';
import { EventDto, EventFilter, UpdateEventDto } from './dto/event.dto';
import { Event } from './event.entity';
import { replicaReader } from '../database/read-query';

export const EVENT_LIST: ListSpec = {
  filter: { id: 'uuid', q: 'text' },
  sort: {
    id: 'e.id',
    name: 'e.name',
    startDate: 'e.start_date',
    endDate: 'e.end_date',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
  },
};

const ROWS: RowSource = {
  from: 'events e',
  columns: `e.id, e.name, e.names, e.start_date AS "startDate", e.end_date AS "endDate", e.description,
    e.created_at AS "createdAt", e.updated_at AS "updatedAt"`,
};

const WRITABLE = ['name', 'names', 'startDate', 'endDate', 'description'] as const;

@Injectable()
export class EventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list({ filter, sort, range, exactTotal }: ListQuery<EventFilter>): Promise<Page<EventDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.id) where.push(`e.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
    if (filter.q) where.push(nameMatches('e.search_text', filter.q, params));
    return fetchPage(replicaReader(this.dataSource), ROWS, {
      where: and(where),
      params,
      orderBy: orderBy(EVENT_LIST, sort ?? { field: 'startDate', order: 'DESC' }),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  findOne(id: string, manager = this.dataSource.manager): Promise<EventDto> {
    return fetchOneOrFail(manager, ROWS, 'e.id', id, 'event');
  }

  create(dto: EventDto, user?: AuthUser): Promise<EventDto> {
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(Event, pickDefined(dto, WRITABLE));
      const after = await this.findOne(identifiers[0].id as string, manager);
      await auditChange(this.audit, manager, { entityType: 'events', action: 'create', user, before: null, after });
      return after;
    });
  }

  update(id: string, dto: UpdateEventDto, user?: AuthUser): Promise<EventDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'events', id, 'event');
      const before = await this.findOne(id, manager);
      const changes = changedFields(before, pickDefined(dto, WRITABLE));
      if (!Object.keys(changes).length) return before;
      await manager.update(Event, id, changes);
      const after = await this.findOne(id, manager);
      await auditChange(this.audit, manager, { entityType: 'events', action: 'update', user, before, after });
      return after;
    });
  }

  remove(id: string, user?: AuthUser): Promise<EventDto> {
    return this.dataSource.transaction(async (manager) => {
      await lockOrFail(manager, 'events', id, 'event');
      const before = await this.findOne(id, manager);
      await assertNotReferenced(manager, `event "${before.name}"`, id, [
        { label: 'statements', count: 'SELECT count(*) FROM statements WHERE event_id = $1' },
      ]);
      await manager.delete(Event, id);
      await auditChange(this.audit, manager, { entityType: 'events', action: 'delete', user, before, after: null });
      return before;
    });
  }
}
