import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Something that may point at a record: its label in messages and a count query over `$1` (the record's id). */
export interface Reference {
  label: string;
  count: string;
}

/**
 * Refuses to delete a record that others still point at, with a 409 that says what points at it
 * (`references`: label → count). The RESTRICT foreign keys stay the backstop for races.
 */
export async function assertNotReferenced(manager: EntityManager, what: string, id: string, references: Reference[]): Promise<void> {
  const columns = references.map((reference, i) => `(${reference.count}) AS c${i}`).join(', ');
  const [row] = (await manager.query(`SELECT ${columns}`, [id])) as Record<string, string>[];
  const found = references.map((reference, i) => ({ label: reference.label, count: Number(row[`c${i}`]) })).filter((r) => r.count > 0);
  if (!found.length) return;
  throw new ConflictException({
    message: `${what} is still referenced by ${found.map((r) => `${r.count} ${r.label}`).join(', ')}; nothing was deleted`,
    references: Object.fromEntries(found.map((r) => [r.label, r.count])),
  });
}
