import { buildStatementWhere, configsFor, searchableLength, statementOrderBy } from './statement-filter';

const A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('buildStatementWhere', () => {
  it('always leaves soft-deleted statements out', () => {
    expect(buildStatementWhere({})).toEqual({ sql: '(s.deleted_at IS NULL)', params: [], rank: null });
    expect(buildStatementWhere({}, [], { deleted: 'only' }).sql).toBe('(s.deleted_at IS NOT NULL)');
  });

  it('binds every value and appends to the caller’s parameters', () => {
    const where = buildStatementWhere({ speakerId: A, saidFrom: '2023-01-01', saidTo: '2023-12-31', status: ['published'] }, ['mine']);
    expect(where.params).toEqual(['mine', [A], '2023-01-01', '2023-12-31', ['published']]);
    expect(where.sql).toContain('s.speaker_id = ANY($2::uuid[])');
    expect(where.sql).toContain('s.said_on >= $3::date');
    expect(where.sql).toContain('s.said_on <= $4::date');
    expect(where.sql).toContain('s.status = ANY($5::text[])');
  });

  it('includes every descendant of the actors asked for', () => {
    const where = buildStatementWhere({ actorId: [A, B] });
    expect(where.sql).toContain('s.actor_id IN (SELECT f_a.id FROM actors f_a WHERE f_a.path && $1::uuid[])');
    expect(where.params).toEqual([[A, B]]);
  });

  it('puts the stance value and its target on the same stance row', () => {
    const where = buildStatementWhere({ targetActorId: A, stance: { min: -2, max: -1 } });
    expect(where.sql).toMatch(
      /EXISTS \(SELECT 1 FROM stances f_sn WHERE f_sn\.statement_id = s\.id AND \(f_sn\.target_actor_id IN .*\) AND f_sn\.value BETWEEN \$2::int AND \$3::int\)/,
    );
    expect(where.params).toEqual([[A], -2, -1]);
    expect(buildStatementWhere({ stance: 1 }).params).toEqual([1, 1]);
  });

  it('matches a stance toward any of the target actors or target topics', () => {
    const where = buildStatementWhere({ targetActorId: A, targetTopicId: [A] });
    expect(where.sql).toMatch(/\(f_sn\.target_actor_id IN .* OR f_sn\.target_topic_id = ANY\(\$2::uuid\[\]\)\)/);
  });

  it('searches the full-text document with the stemmers of the query’s scripts, and ranks', () => {
    const where = buildStatementWhere({ q: 'أذربيجان Baku' });
    expect(where.sql).toContain('s.search @@ (');
    for (const config of ['simple', 'arabic', 'english', 'turkish'])
      expect(where.sql).toContain(`websearch_to_tsquery('${config}'::regconfig, stance_normalize($1))`);
    expect(where.sql).not.toContain("'russian'");
    expect(where.rank).toMatch(/^ts_rank_cd\(s\.search, /);
    expect(where.params).toEqual(['أذربيجان Baku']);
  });

  it('matches one- and two-letter queries as escaped substrings of text and translations', () => {
    const where = buildStatementWhere({ q: '%_' });
    expect(where.sql).toContain('stance_normalize(s.text) ILIKE stance_normalize($1)');
    expect(where.sql).toContain('jsonb_each_text(s.translations)');
    expect(where.params).toEqual(['%\\%\\_%']);
    expect(where.rank).toBeNull();
  });

  it('ignores a query of diacritics only', () => {
    expect(buildStatementWhere({ q: 'ـَ' }).params).toEqual([]);
  });
});

describe('the query helpers', () => {
  it('counts letters as the normalised text has them', () => {
    expect(searchableLength('أَب')).toBe(2);
    expect(searchableLength('a b')).toBe(2);
    expect(searchableLength('abc')).toBe(3);
  });

  it('picks stemmers by script', () => {
    expect(configsFor('سلام')).toEqual(['simple', 'arabic']);
    expect(configsFor('peace')).toEqual(['simple', 'english', 'turkish']);
    expect(configsFor('мир')).toEqual(['simple', 'russian']);
    expect(configsFor('խաղաղություն')).toEqual(['simple', 'armenian']);
    expect(configsFor('123')).toEqual(['simple']);
  });

  it('orders by relevance only when asked or when no sort is given', () => {
    expect(statementOrderBy(null, null)).toBe('s.said_on DESC, s.id DESC');
    expect(statementOrderBy(null, 'RANK')).toBe('RANK DESC, s.said_on DESC, s.id DESC');
    expect(statementOrderBy({ field: 'relevance', order: 'DESC' }, 'RANK')).toBe('RANK DESC, s.said_on DESC, s.id DESC');
    expect(statementOrderBy({ field: 'saidOn', order: 'ASC' }, 'RANK')).toBe('s.said_on ASC, s.id ASC');
  });
});
