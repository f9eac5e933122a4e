import { createTestApp, TestApp } from '../utils/test-app';

describe('audit API (read only)', () => {
  let t: TestApp;
  const ids = {
    tag: '10000000-0000-4000-8000-000000000001',
    actor: '10000000-0000-4000-8000-000000000002',
  };

  beforeAll(async () => {
    t = await createTestApp();
    // entries written as the services write them; dates spread over days for the range filter
    const entry = (at: string, userId: string | null, action: string, entityType: string, entityId: string, changes: object) =>
      t.dataSource.query(`INSERT INTO audit (at, user_id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, $4, $5, $6)`, [
        at,
        userId,
        action,
        entityType,
        entityId,
        JSON.stringify(changes),
      ]);
    await t.dataSource.query(`DELETE FROM audit`);
    await entry('2024-03-01T09:00:00Z', t.users.editor.id, 'create', 'tags', ids.tag, { name: [null, 'Ceasefire'] });
    await entry('2024-03-02T10:00:00Z', t.users.editor.id, 'update', 'tags', ids.tag, { name: ['Ceasefire', 'Truce'] });
    await entry('2024-03-02T23:30:00Z', t.users.admin.id, 'create', 'actors', ids.actor, { name: [null, 'Azerbaijan'] });
    await entry('2024-03-03T08:00:00Z', t.users.admin.id, 'delete', 'tags', ids.tag, { name: ['Truce', null] });
    await entry('2024-03-04T08:00:00Z', t.users.admin.id, 'update', 'users', t.users.editor.id, { role: ['analyst', 'editor'] });
  });
  afterAll(() => t.close());

  const list = (query: Record<string, string>, role: 'analyst' | 'editor' | 'admin' = 'analyst') =>
    t.as(role).get('/api/audit').query(query);
  const actions = (body: { action: string; entityType: string }[]) => body.map((e) => `${e.entityType}:${e.action}`);

  it('lists entries newest first with who did it, and a Content-Range', async () => {
    const response = await list({ range: '[0,1]' }, 'admin').expect(200);
    expect(response.headers['content-range']).toBe('audit 0-1/5');
    expect(response.body[1]).toEqual({
      id: expect.any(String),
      at: '2024-03-03T08:00:00.000Z',
      userId: t.users.admin.id,
      userEmail: 'admin@localhost',
      userName: 'Administrator',
      action: 'delete',
      entityType: 'tags',
      entityId: ids.tag,
      changes: { name: ['Truce', null] },
    });
    const oldest = await list({ sort: '["at","ASC"]', range: '[0,0]' }).expect(200);
    expect(oldest.body[0].at).toBe('2024-03-01T09:00:00.000Z');
  });

  it('filters by entityType, entityId, userId and action, combined', async () => {
    expect(actions((await list({ filter: JSON.stringify({ entityType: 'tags' }) })).body)).toEqual([
      'tags:delete',
      'tags:update',
      'tags:create',
    ]);
    expect(actions((await list({ filter: JSON.stringify({ entityId: ids.actor }) })).body)).toEqual(['actors:create']);
    expect(actions((await list({ filter: JSON.stringify({ userId: t.users.editor.id }) }, 'editor')).body)).toEqual([
      'tags:update',
      'tags:create',
    ]);
    expect(actions((await list({ filter: JSON.stringify({ action: ['create', 'delete'] }) })).body)).toEqual([
      'tags:delete',
      'actors:create',
      'tags:create',
    ]);
    const combined = await list(
      { filter: JSON.stringify({ entityType: 'tags', entityId: ids.tag, userId: t.users.admin.id, action: 'delete' }) },
      'editor',
    );
    expect(actions(combined.body)).toEqual(['tags:delete']);
    expect(combined.headers['content-range']).toBe('audit 0-0/1');
  });

  it('filters by a range of `at`: whole days (inclusive) or timestamps', async () => {
    const range = async (filter: object) => actions((await list({ filter: JSON.stringify(filter) }).expect(200)).body);
    expect(await range({ from: '2024-03-02', to: '2024-03-02' })).toEqual(['actors:create', 'tags:update']);
    expect(await range({ from: '2024-03-02T12:00:00Z' })).toEqual(['tags:delete', 'actors:create']);
    expect(await range({ to: '2024-03-02T10:00:00+00:00' })).toEqual(['tags:update', 'tags:create']);
    const bad = await list({ filter: JSON.stringify({ from: 'yesterday' }) }).expect(400);
    expect(bad.body.errors['filter.from']).toMatch(/date/);
  });

  it('shows entries about user accounts to admins only', async () => {
    expect((await list({ filter: '{"entityType":"users"}' }, 'admin')).body).toHaveLength(1);
    for (const role of ['analyst', 'editor'] as const) {
      expect((await list({ filter: '{"entityType":"users"}' }, role)).body).toEqual([]);
      expect((await list({}, role)).headers['content-range']).toBe('audit 0-3/4');
    }
    const [usersEntry] = (await list({ filter: '{"entityType":"users"}' }, 'admin')).body;
    await t.as('admin').get(`/api/audit/${usersEntry.id}`).expect(200);
    await t.as('editor').get(`/api/audit/${usersEntry.id}`).expect(404);
  });

  it('shows who made a change by role: email to admins, name to editors too, neither to analysts', async () => {
    const who = async (role: 'analyst' | 'editor' | 'admin') => {
      const [entry] = (await list({ filter: JSON.stringify({ entityType: 'tags', action: 'create' }) }, role).expect(200)).body;
      const one = (await t.as(role).get(`/api/audit/${entry.id}`).expect(200)).body;
      expect(one).toEqual(entry);
      expect(Object.keys(entry).sort()).toEqual(
        ['action', 'at', 'changes', 'entityId', 'entityType', 'id', 'userEmail', 'userId', 'userName'].sort(),
      );
      return { userId: entry.userId, userEmail: entry.userEmail, userName: entry.userName };
    };
    expect(await who('admin')).toEqual({ userId: t.users.editor.id, userEmail: 'editor@test.local', userName: 'Test editor' });
    expect(await who('editor')).toEqual({ userId: t.users.editor.id, userEmail: null, userName: 'Test editor' });
    expect(await who('analyst')).toEqual({ userId: t.users.editor.id, userEmail: null, userName: null });
    const everything = JSON.stringify((await list({ range: '[0,99]' }, 'analyst')).body);
    expect(everything).not.toMatch(/@test\.local|@localhost|Test editor|Administrator/);
  });

  it('lets analysts not filter by user: 403 naming the filter', async () => {
    for (const userId of [t.users.editor.id, null]) {
      const refused = await list({ filter: JSON.stringify({ userId }) }, 'analyst').expect(403);
      expect(refused.body.errors).toEqual({ 'filter.userId': expect.any(String) });
    }
    await list({ filter: JSON.stringify({ userId: null }) }, 'editor').expect(200);
  });

  it('reads one entry; a malformed id is a 400, a missing one a 404', async () => {
    const [first] = (await list({ range: '[0,0]' })).body;
    await t.as('analyst').get(`/api/audit/${first.id}`).expect(200, first);
    await t.as('analyst').get('/api/audit/nope').expect(400);
    await t.as('analyst').get('/api/audit/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('refuses unknown filters and sort fields with 400', async () => {
    await list({ filter: '{"colour":"red"}' }).expect(400);
    await list({ sort: '["changes","ASC"]' }).expect(400);
    await list({ filter: '{"action":"erase"}' }).expect(400);
  });

  it('cannot be written: no POST, PUT or DELETE, for any role', async () => {
    const [first] = (await list({ range: '[0,0]' }, 'admin')).body;
    await t.as('admin').post('/api/audit').send({ action: 'create' }).expect(404);
    await t.as('admin').put(`/api/audit/${first.id}`).send({ changes: {} }).expect(404);
    await t.as('admin').delete(`/api/audit/${first.id}`).expect(404);
    await t.as('admin').get(`/api/audit/${first.id}`).expect(200, first);
  });

  it('needs a token', async () => {
    await t.http.get('/api/audit').expect(401);
  });
});
