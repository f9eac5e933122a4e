import type { AuditAction } from '@stance/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.decorators';
import type { AuditedResource, AuditService } from '../audit/audit.service';

/** Audits one change of a resource, as the API represents it, in the transaction that makes it. */
export function auditChange(
  audit: AuditService,
  manager: EntityManager,
  change: { entityType: AuditedResource; action: AuditAction; user?: AuthUser; before: object | null; after: object | null },
): Promise<void> {
  const record = (change.after ?? change.before) as { id: string };
  return audit.record(manager, {
    userId: change.user?.id,
    action: change.action,
    entityType: change.entityType,
    entityId: record.id,
    before: change.before as Record<string, unknown> | null,
    after: change.after as Record<string, unknown> | null,
  });
}
