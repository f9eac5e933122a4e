/** A row of GET /api/positions. */
export interface Position {
  id: string;
  actorId: string;
  actorName: string;
  targetType: 'actor' | 'topic';
  targetId: string;
  targetName: string;
  month?: string;
  count: number;
  mean: number;
  min: number;
  max: number;
  latestValue: number;
  latestSaidOn: string;
}

export interface Target {
  key: string;
  type: 'actor' | 'topic';
  id: string;
  name: string;
}

export interface Matrix {
  actors: Array<{ id: string; name: string }>;
  targets: Target[];
  cell: (actorId: string, targetKey: string) => Position | undefined;
}

export const targetKey = (type: string, id: string) => `${type}:${id}`;

/** Positions as an actor × target grid: actors and targets sorted by name, actor targets first. */
export function buildMatrix(rows: Position[]): Matrix {
  const actors = new Map<string, string>();
  const targets = new Map<string, Target>();
  const cells = new Map<string, Position>();
  for (const row of rows) {
    actors.set(row.actorId, row.actorName);
    const key = targetKey(row.targetType, row.targetId);
    targets.set(key, { key, type: row.targetType, id: row.targetId, name: row.targetName });
    cells.set(`${row.actorId}|${key}`, row);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    actors: [...actors].map(([id, name]) => ({ id, name })).sort(byName),
    targets: [...targets.values()].sort((a, b) => (a.type === b.type ? byName(a, b) : a.type === 'actor' ? -1 : 1)),
    cell: (actorId, key) => cells.get(`${actorId}|${key}`),
  };
}

/** Keys of the board's filter that shape the board itself, not which statements count. */
const BOARD_ONLY = new Set(['actorId', 'rollup', 'targetType', 'groupBy', 'actorOnly', 'targetActorId', 'targetTopicId', 'targetOnly']);

/**
 * The statements list filter behind one cell of the board: every statement filter of the board,
 * then the cell's actor (alone, unless the board rolls sub-actors up into it) and its target
 * (alone: a cell counts the stances toward that target, not toward its sub-actors). The list then
 * holds exactly the cell's count of statements.
 */
export function cellStatementFilter(
  actorId: string,
  target: Pick<Target, 'type' | 'id'>,
  filter: Record<string, unknown>,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!BOARD_ONLY.has(key) && value !== undefined && value !== '' && value !== null) kept[key] = value;
  }
  return {
    ...kept,
    actorId,
    ...(filter.rollup ? {} : { actorOnly: true }),
    ...(target.type === 'actor' ? { targetActorId: target.id, targetOnly: true } : { targetTopicId: target.id }),
  };
}
