import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AUDIT_ACTIONS, type AuditAction } from '@stance/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import { FieldErrorsException } from '../common/api-error';
import { countLimit, ListQuery, ListSpec, orderBy, Page } from '../common/list-query';
import { and, bind, fetchOneOrFail, fetchPage, RowSource } from '../common/sql';
import { isIsoDate, isUuid } from '../common/validators';
import { AuditEntryDto, AuditFilter } from './dto/audit-entry.dto';
import { replicaReader } from '../database/read-query';

export const AUDITED_RESOURCES = ['actors', 'statements', 'sources', 'topics', 'tags', 'events', 'relations', 'users'] as const;
export type AuditedResource = (typeof AUDITED_RESOURCES)[number];

export const AUDIT_LIST: ListSpec = {
  filter: {
    id: 'uuid',
    entityType: AUDITED_RESOURCES,
    entityId: 'uuid',
    userId: 'uuidOrNull',
    action: AUDIT_ACTIONS,
    from: 'text',
    to: 'text',
  },
  sort: { id: 'a.id', at: 'a.at', action: 'a.action', entityType: 'a.entity_type', userId: 'a.user_id' },
};

/**
 * The rows a reader sees. Who made a change is staff data: admins see the email and name, editors
 * (who work on the same records) the name, analysts neither. Every reader sees `userId`, an opaque
 * id that tells changes by the same person apart.
 */
function rowsFor(reader: AuthUser): RowSource {
  const email = reader.role === 'admin' ? 'u.email' : 'NULL::text';
  const name = reader.role === 'analyst' ? 'NULL::text' : 'u.name';
  return {
    from: 'audit a',
    joins: 'LEFT JOIN users u ON u.id = a.user_id',
    columns: `a.id, a.at, a.user_id AS "userId", ${email} AS "userEmail", ${name} AS "userName", a.action,
              a.entity_type AS "entityType", a.entity_id AS "entityId", a.changes`,
  };
}

/** Fields never written to the audit trail. */
const HIDDEN = new Set(['passwordHash', 'password', 'updatedAt', 'createdAt', 'version', 'search', 'searchText', 'path']);

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Newest first unless sorted otherwise. Only admins see the trail of user accounts; analysts may
   * not look up what one person did (`filter.userId`: 403).
   */
  list({ filter, sort, range, exactTotal }: ListQuery<AuditFilter>, reader: AuthUser): Promise<Page<AuditEntryDto>> {
    if (filter.userId !== undefined && reader.role === 'analyst') {
      throw new ForbiddenException({
        message: 'Filtering the audit trail by user needs the editor role',
        errors: { 'filter.userId': 'needs the editor role' },
      });
    }
    const params: unknown[] = [];
    const where: string[] = [];
    if (reader.role !== 'admin') where.push(`a.entity_type <> 'users'`);
    if (filter.id) where.push(`a.id = ANY(${bind(params, filter.id, 'uuid[]')})`);
    if (filter.entityType) where.push(`a.entity_type = ANY(${bind(params, filter.entityType, 'text[]')})`);
    if (filter.entityId) where.push(`a.entity_id = ANY(${bind(params, filter.entityId, 'uuid[]')})`);
    if (filter.userId === null) where.push('a.user_id IS NULL');
    else if (filter.userId) where.push(`a.user_id = ANY(${bind(params, filter.userId, 'uuid[]')})`);
    if (filter.action) where.push(`a.action = ANY(${bind(params, filter.action, 'text[]')})`);
    const { from, to } = parseAtRange(filter);
    if (from) where.push(`a.at >= ${bind(params, from, 'timestamptz')}`);
    if (to) where.push(to.exclusive ? `a.at < ${bind(params, to.at, 'timestamptz')}` : `a.at <= ${bind(params, to.at, 'timestamptz')}`);
    return fetchPage(replicaReader(this.dataSource), rowsFor(reader), {
      where: and(where),
      params,
      orderBy: orderBy(AUDIT_LIST, sort ?? { field: 'at', order: 'DESC' }),
      range,
      countLimit: countLimit({ exactTotal }),
    });
  }

  async findOne(id: string, reader: AuthUser): Promise<AuditEntryDto> {
    const entry = await fetchOneOrFail<AuditEntryDto>(this.dataSource.manager, rowsFor(reader), 'a.id', id, 'audit entry');
    if (entry.entityType === 'users' && reader.role !== 'admin') throw new NotFoundException(`audit entry ${id} not found`);
    return entry;
  }

  /**
   * Writes one entry with the same EntityManager as the change, so that the change and its audit
   * entry commit or fail together. `before` is null for a create, `after` null for a delete.
   * `secrets` names fields that changed but whose values never enter the trail (a password):
   * they are recorded as `["***", "***"]`. An update that changed nothing leaves no entry.
   */
  async record(
    manager: EntityManager,
    entry: {
      userId: string | null | undefined;
      action: AuditAction;
      entityType: AuditedResource;
      entityId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      secrets?: string[];
    },
  ): Promise<void> {
    const changes = diff(entry.before, entry.after);
    for (const field of entry.secrets ?? []) changes[field] = [entry.before ? '***' : null, entry.after ? '***' : null];
    if (entry.action === 'update' && !Object.keys(changes).length) return;
    await manager.query(`INSERT INTO audit (user_id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, $4, $5)`, [
      entry.userId ?? null,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(changes),
    ]);
  }
}

/** field → [before, after] for every field that differs (compared as JSON). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const a = normalise(before?.[key]);
    const b = normalise(after?.[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [a, b];
  }
  return changes;
}

/**
 * The fields of `proposed` whose value differs from `current`'s, compared as the audit trail
 * compares them: a write that would change nothing is no write (no version, no `updatedAt`, no entry).
 */
export function changedFields<T extends object>(current: object, proposed: T): Partial<T> {
  const stored = current as Record<string, unknown>;
  const changes = diff(Object.fromEntries(Object.keys(proposed).map((key) => [key, stored[key]])), proposed as Record<string, unknown>);
  return Object.fromEntries(Object.keys(changes).map((key) => [key, (proposed as Record<string, unknown>)[key]])) as Partial<T>;
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (isUuid(value)) return value.toLowerCase();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((item) => typeof item === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

/**
 * `from` and `to` bound `at`: a date (`2024-05-01`, UTC days, `to` inclusive of the whole day)
 * or an ISO 8601 timestamp with a time zone (`2024-05-01T12:00:00Z`).
 */
function parseAtRange(filter: AuditFilter): { from?: string; to?: { at: string; exclusive: boolean } } {
  const errors: Record<string, string> = {};
  const read = (key: 'from' | 'to'): { value: string; isDate: boolean } | undefined => {
    const value = filter[key];
    if (value === undefined) return undefined;
    if (isIsoDate(value)) return { value, isDate: true };
    if (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return { value, isDate: false };
    errors[`filter.${key}`] = 'must be a date YYYY-MM-DD or an ISO 8601 timestamp with a time zone';
    return undefined;
  };
  const from = read('from');
  const to = read('to');
  if (Object.keys(errors).length) throw new FieldErrorsException(errors, 'Invalid filter');
  return {
    from: from && (from.isDate ? `${from.value}T00:00:00Z` : from.value),
    to: to && (to.isDate ? { at: `${nextDay(to.value)}T00:00:00Z`, exclusive: true } : { at: to.value, exclusive: false }),
  };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
