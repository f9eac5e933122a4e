import { describe, expect, it } from 'vitest';
import { type Position, buildMatrix, cellStatementFilter } from './matrix';

const row = (actorName: string, targetType: 'actor' | 'topic', targetName: string, mean: number): Position => ({
  id: `${actorName}:${targetType}:${targetName}`,
  actorId: actorName.toLowerCase(),
  actorName,
  targetType,
  targetId: targetName.toLowerCase(),
  targetName,
  count: 1,
  mean,
  min: mean,
  max: mean,
  latestValue: mean,
  latestSaidOn: '2023-09-19',
});

describe('positions matrix', () => {
  it('lays positions out as actors × targets, actor targets first', () => {
    const matrix = buildMatrix([
      row('Turkey', 'topic', 'Ceasefire', 1),
      row('Armenia', 'actor', 'Azerbaijan', -2),
      row('Turkey', 'actor', 'Armenia', -1),
    ]);
    expect(matrix.actors.map((actor) => actor.name)).toEqual(['Armenia', 'Turkey']);
    expect(matrix.targets.map((target) => target.name)).toEqual(['Armenia', 'Azerbaijan', 'Ceasefire']);
    expect(matrix.cell('turkey', 'topic:ceasefire')?.mean).toBe(1);
    expect(matrix.cell('armenia', 'topic:ceasefire')).toBeUndefined();
  });

  it('opens the statements of a cell with the board’s date filters', () => {
    const filter = { saidFrom: '2023-01-01', rollup: true, targetType: 'actor', actorId: 'other' };
    expect(cellStatementFilter('a', { type: 'actor', id: 't' }, filter)).toEqual({
      saidFrom: '2023-01-01',
      actorId: 'a',
      targetActorId: 't',
      targetOnly: true,
    });
    expect(cellStatementFilter('a', { type: 'topic', id: 'p' }, {})).toEqual({ actorId: 'a', actorOnly: true, targetTopicId: 'p' });
  });

  it("keeps every statement filter of the board, the cell's actor alone without rollup", () => {
    const filter = { status: 'published', topicId: 'x', tagId: 'g', q: 'ceasefire', saidTo: '2023-12-31', targetType: 'topic' };
    expect(cellStatementFilter('a', { type: 'actor', id: 't' }, filter)).toEqual({
      status: 'published',
      topicId: 'x',
      tagId: 'g',
      q: 'ceasefire',
      saidTo: '2023-12-31',
      actorId: 'a',
      actorOnly: true,
      targetActorId: 't',
      targetOnly: true,
    });
  });
});
