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
