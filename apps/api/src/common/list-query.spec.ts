import { FieldErrorsException } from './api-error';
import { boundedTotal, contentRange, countLimit, countSql, ListSpec, MAX_PAGE_SIZE, orderBy, parseListQuery } from './list-query';

const SPEC: ListSpec = {
  filter: {
    q: 'text',
    id: 'uuid',
    parentId: 'uuidOrNull',
    kind: ['state', 'person'],
    from: 'date',
    stance: 'stance',
    deleted: 'boolean',
    lang: 'lang',
  },
  sort: { id: 'a.id', name: 'a.name' },
};
const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function errorsOf(query: Record<string, unknown>): Record<string, string> {
  try {
    parseListQuery(query, SPEC);
  } catch (error) {
    expect(error).toBeInstanceOf(FieldErrorsException);
    return ((error as FieldErrorsException).getResponse() as { errors: Record<string, string> }).errors;
  }
  throw new Error('expected a 400');
}

describe('parseListQuery', () => {
  it('parses the react-admin query once into a typed object', () => {
    expect(
      parseListQuery(
        {
          filter: JSON.stringify({
            q: ' baku ',
            id: ID,
            parentId: null,
            kind: ['state'],
            from: '2023-09-19',
            stance: -2,
            deleted: true,
            lang: 'ar',
          }),
          sort: '["name","desc"]',
          range: '[10,19]',
        },
        SPEC,
      ),
    ).toEqual({
      filter: {
        q: 'baku',
        id: [ID],
        parentId: null,
        kind: ['state'],
        from: '2023-09-19',
        stance: { min: -2, max: -2 },
        deleted: true,
        lang: ['ar'],
      },
      sort: { field: 'name', order: 'DESC' },
      range: { start: 10, end: 19 },
    });
  });

  it('defaults to no filter, no sort and the first page', () => {
    expect(parseListQuery({}, SPEC)).toEqual({ filter: {}, sort: null, range: { start: 0, end: MAX_PAGE_SIZE - 1 } });
  });

  it('drops blank text and nulls of filters that cannot be null', () => {
    expect(parseListQuery({ filter: '{"q":"  ","id":null}' }, SPEC).filter).toEqual({});
  });

  it('takes stance ranges with open ends', () => {
    expect(parseListQuery({ filter: '{"stance":{"min":1}}' }, SPEC).filter).toEqual({ stance: { min: 1, max: 2 } });
  });

  it.each([
    [{ filter: '{' }, ['filter']],
    [{ filter: '"text"' }, ['filter']],
    [{ filter: '{"nope":1}' }, ['filter', 'filter.nope']],
    [{ filter: '{"id":"x"}' }, ['filter', 'filter.id']],
    [{ filter: '{"kind":"empire"}' }, ['filter', 'filter.kind']],
    [{ filter: '{"from":"2023-13-01"}' }, ['filter', 'filter.from']],
    [{ filter: '{"stance":2.5}' }, ['filter', 'filter.stance']],
    [{ filter: '{"stance":{"min":1,"max":0}}' }, ['filter', 'filter.stance']],
    [{ filter: '{"stance":{"low":1}}' }, ['filter', 'filter.stance']],
    [{ filter: '{"deleted":"yes"}' }, ['filter', 'filter.deleted']],
    [{ filter: '{"lang":"Arabic"}' }, ['filter', 'filter.lang']],
    [{ filter: `{"q":"${'x'.repeat(501)}"}` }, ['filter', 'filter.q']],
    [{ filter: ['{}', '{}'] }, ['filter']],
    [{ sort: '["text","ASC"]' }, ['sort']],
    [{ sort: '["name","UP"]' }, ['sort']],
    [{ sort: '["name"]' }, ['sort']],
    [{ sort: '["constructor","ASC"]' }, ['sort']],
    [{ range: '[5,4]' }, ['range']],
    [{ range: '[0,1000]' }, ['range']],
    [{ range: '[0.5,3]' }, ['range']],
    [{ range: '{}' }, ['range']],
    [{ filter: '{', sort: '[', range: '[' }, ['filter', 'range', 'sort']],
    [{ count: 'estimate' }, ['count']],
    [{ count: ['exact', 'exact'] }, ['count']],
  ])('refuses %j with errors on %j', (query, fields) => {
    expect(Object.keys(errorsOf(query)).sort()).toEqual(fields);
  });
});

describe('orderBy', () => {
  it('maps the field to its expression and breaks ties by id', () => {
    expect(orderBy(SPEC, { field: 'name', order: 'DESC' })).toBe('a.name DESC, a.id DESC');
    expect(orderBy(SPEC, { field: 'id', order: 'ASC' })).toBe('a.id ASC');
  });
});

describe('contentRange', () => {
  it('writes start-end/total, and */total for an empty page', () => {
    expect(contentRange('actors', { rows: new Array(10), total: 42, start: 0 })).toBe('actors 0-9/42');
    expect(contentRange('actors', { rows: new Array(2), total: 42, start: 40 })).toBe('actors 40-41/42');
    expect(contentRange('actors', { rows: [], total: 0, start: 0 })).toBe('actors */0');
    expect(contentRange('actors', { rows: [], total: 42, start: 50 })).toBe('actors */42');
  });
});

describe('bounded totals', () => {
  it('asks for an exact count only with count=exact', () => {
    expect(parseListQuery({ count: 'exact' }, SPEC).exactTotal).toBe(true);
    expect(parseListQuery({}, SPEC).exactTotal).toBeUndefined();
    expect(countLimit({ exactTotal: true })).toBeNull();
    expect(countLimit({})).toBe(10_000);
  });

  it('counts at most one row past the bound, and reports the bound as a lower bound beyond it', () => {
    expect(countSql('FROM t WHERE x', null)).toBe('SELECT count(*)::int AS total FROM t WHERE x');
    expect(countSql('FROM t WHERE x', 3)).toBe('SELECT count(*)::int AS total FROM (SELECT 1 FROM t WHERE x LIMIT 4) f_counted');
    expect(boundedTotal(3, 3)).toEqual({ total: 3 });
    expect(boundedTotal(4, 3)).toEqual({ total: 3, totalIsLowerBound: true });
    expect(boundedTotal(40_000, null)).toEqual({ total: 40_000 });
  });
});
