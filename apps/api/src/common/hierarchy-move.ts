import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type Hierarchy = 'actors' | 'topics';

/** Whether `parentId` is `id` itself or lies below it, as committed now. */
const MAKES_CYCLE: Record<Hierarchy, string> = {
  actors: `SELECT EXISTS (SELECT 1 FROM actors WHERE id = $2 AND $1 = ANY (path)) AS cycle`,
  topics: `WITH RECURSIVE up(id, parent_id) AS (
             SELECT id, parent_id FROM topics WHERE id = $2
             UNION SELECT t.id, t.parent_id FROM topics t JOIN up ON t.id = up.parent_id
           ) SELECT EXISTS (SELECT 1 FROM up WHERE id = $1) AS cycle`,
};

/**
 * Takes the hierarchy's move lock before a move of `id` under `parentId` (see migration
 * 1732900000000: moves take turns, and the triggers read after the lock), ahead of the row lock so
 * that a move waiting its turn holds no row a running move must update.
 *
 * A move that was valid when asked but waited for another move that made it a cycle (X under P
 * while P goes under X) is a conflict, `409`: the editor decided on a hierarchy that no longer
 * exists. A move that is a cycle already is the trigger's `400`.
 */
export async function lockForMove(
  manager: EntityManager,
  hierarchy: Hierarchy,
  id: string,
  parentId: string | null | undefined,
): Promise<void> {
  if (parentId === undefined) return;
  const [current] = (await manager.query(`SELECT parent_id AS "parentId" FROM ${hierarchy} WHERE id = $1`, [id])) as {
    parentId: string | null;
  }[];
  if (!current || current.parentId === (parentId?.toLowerCase() ?? null)) return;
  const [{ free }] = (await manager.query(`SELECT stance_hierarchy_lock($1, 'try') AS free`, [hierarchy])) as { free: boolean }[];
  if (free) return;
  const makesCycle = async () =>
    parentId !== null && ((await manager.query(MAKES_CYCLE[hierarchy], [id, parentId])) as { cycle: boolean }[])[0].cycle;
  const cycleBefore = await makesCycle();
  await manager.query(`SELECT stance_hierarchy_lock($1, 'exclusive')`, [hierarchy]);
  if (!cycleBefore && (await makesCycle())) {
    throw new ConflictException({
      message: 'parentId: a move made at the same time puts this parent below it; reload the hierarchy and choose again',
      errors: { parentId: 'would now make a cycle (changed by a concurrent move)' },
    });
  }
}
