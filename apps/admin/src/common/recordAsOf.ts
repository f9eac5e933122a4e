/** One row of `GET /api/audit`: each changed field as `[before, after]`. */
export interface AuditEntry {
  id: string;
  at: string;
  userId?: string | null;
  userEmail?: string | null;
  userName?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  changes: Record<string, [unknown, unknown]>;
}

/**
 * Who made the change, as far as the reader may know: a name (editors and admins), an email
 * (admins), or, for analysts, only that a staff member did (`staff`) rather than the system.
 */
export function authorOf(entry: Pick<AuditEntry, 'userId' | 'userName' | 'userEmail'>): string | 'staff' | 'system' {
  return entry.userName || entry.userEmail || (entry.userId ? 'staff' : 'system');
}

/**
 * The record as it was right after the entry `entryId`: the current record with every later
 * entry's changes undone (field := before), newest first. `entries` are one record's trail,
 * newest first (as `/api/audit` sorts by default). Fields never in the trail keep their current
 * value. `undefined` when the entry is not in the list.
 */
export function recordAsOf<T extends Record<string, unknown>>(
  current: T,
  entries: readonly AuditEntry[],
  entryId: string,
): Record<string, unknown> | undefined {
  const index = entries.findIndex((entry) => entry.id === entryId);
  if (index < 0) return undefined;
  const record: Record<string, unknown> = { ...current };
  for (const entry of entries.slice(0, index)) {
    for (const [field, pair] of Object.entries(entry.changes ?? {})) {
      if (Array.isArray(pair)) record[field] = pair[0];
    }
  }
  return record;
}
