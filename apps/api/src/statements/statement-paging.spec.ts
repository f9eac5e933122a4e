import { jsonRowsInOrder, pagesPerActor } from './statements.service';

describe('pagesPerActor', () => {
  const actorId = ['00000000-0000-4000-8000-000000000001'];

  it('takes a subtree in date order, with or without a date range, per actor', () => {
    expect(pagesPerActor({ actorId }, 'saidOn')).toBe(true);
    expect(pagesPerActor({ actorId, saidFrom: '2023-01-01', saidTo: '2023-12-31' }, 'saidOn')).toBe(true);
    expect(pagesPerActor({ actorId, q: undefined }, 'saidOn')).toBe(true);
  });

  it('leaves any other condition, which the per-actor scans would test row by row, to the planner', () => {
    expect(pagesPerActor({ actorId, q: 'counter-terrorism measures' }, 'saidOn')).toBe(false);
    expect(pagesPerActor({ actorId, topicId: ['00000000-0000-4000-8000-000000000002'] }, 'saidOn')).toBe(false);
    expect(pagesPerActor({ actorId, saidFrom: '2023-01-01', lang: ['ar'] }, 'saidOn')).toBe(false);
  });

  it('needs a subtree and the date order', () => {
    expect(pagesPerActor({ saidFrom: '2023-01-01' }, 'saidOn')).toBe(false);
    expect(pagesPerActor({ actorId }, 'createdAt')).toBe(false);
    expect(pagesPerActor({ actorId }, undefined)).toBe(false);
  });
});

describe('jsonRowsInOrder', () => {
  it('writes the rows in the order of the ids, and leaves out an id whose row is gone', () => {
    const rows = [
      { id: 'b', json: '{"id":"b"}' },
      { id: 'a', json: '{"id":"a"}' },
    ];
    const page = jsonRowsInOrder(['a', 'gone', 'b'], rows);
    expect(JSON.parse(page.json)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(page.length).toBe(2);
    expect(jsonRowsInOrder(['gone'], []).json).toBe('[]');
  });
});
