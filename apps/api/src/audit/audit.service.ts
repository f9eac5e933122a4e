import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@stance/common';
import { EntityManager } from 'typeorm';

export type AuditedResource = 'actors' | 'statements' | 'sources' | 'topics' | 'tags' | 'events' | 'relations' | 'users';

/** Fields never written to the audit trail. */
const HIDDEN = new Set(['passwordHash', 'password', 'updatedAt', 'createdAt', 'version', 'search', 'searchText', 'path']);

@Injectable()
export class AuditService {
  /**
   * Writes one entry with the same EntityManager as the change, so that the change and its audit
   * entry commit or fail together. `before` is null for a create, `after` null for a delete.
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
    },
  ): Promise<void> {
    await manager.query(`INSERT INTO audit (user_id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, $4, $5)`, [
      entry.userId ?? null,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify(diff(entry.before, entry.after)),
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

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
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
