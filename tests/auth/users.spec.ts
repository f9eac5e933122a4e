import { createTestApp, TestApp } from '../utils/test-app';

describe('users API (admins only)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const auditOf = (id: string) =>
    t.dataSource.query(
      `SELECT user_id AS "userId", action, changes FROM audit WHERE entity_type = 'users' AND entity_id = $1 ORDER BY at`,
      [id],
    );

  it('creates, lists, reads, updates, resets the password of and disables a user, never returning the password', async () => {
    const created = await t
      .as('admin')
      .post('/api/users')
      .send({ email: ' Reporter@Example.org', name: 'Rita Reporter', role: 'analyst', password: 'first-password' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'reporter@example.org',
      name: 'Rita Reporter',
      role: 'analyst',
      disabled: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id as string;
    await t.http.post('/api/auth/login').send({ email: 'reporter@example.org', password: 'first-password' }).expect(200);

    const list = await t.as('admin').get('/api/users').query({ sort: '["email","ASC"]', range: '[0,1]' }).expect(200);
    expect(list.headers['content-range']).toBe('users 0-1/4');
    expect(list.body.map((u: { email: string }) => u.email)).toEqual(['admin@localhost', 'analyst@test.local']);
    const many = await t
      .as('admin')
      .get('/api/users')
      .query({ filter: JSON.stringify({ id: [id, t.users.editor.id] }) })
      .expect(200);
    expect(many.body.map((u: { id: string }) => u.id).sort()).toEqual([id, t.users.editor.id].sort());
    const found = await t.as('admin').get('/api/users').query({ filter: '{"q":"rita","role":"analyst","disabled":false}' }).expect(200);
    expect(found.body).toEqual([created.body]);
    await t.as('admin').get(`/api/users/${id}`).expect(200, created.body);

    // react-admin sends the record back whole, with an empty password field
    const updated = await t
      .as('admin')
      .put(`/api/users/${id}`)
      .send({ ...created.body, role: 'editor', password: '' })
      .expect(200);
    expect(updated.body).toMatchObject({ id, role: 'editor' });
    expect(updated.body).not.toHaveProperty('password');
    await t.http.post('/api/auth/login').send({ email: 'reporter@example.org', password: 'first-password' }).expect(200);

    await t.as('admin').put(`/api/users/${id}`).send({ password: 'second-password' }).expect(200);
    await t.http.post('/api/auth/login').send({ email: 'reporter@example.org', password: 'first-password' }).expect(401);
    await t.http.post('/api/auth/login').send({ email: 'reporter@example.org', password: 'second-password' }).expect(200);

    const disabled = await t.as('admin').delete(`/api/users/${id}`).expect(200);
    expect(disabled.body).toMatchObject({ id, disabled: true });
    await t.as('admin').get(`/api/users/${id}`).expect(200);
    await t.http.post('/api/auth/login').send({ email: 'reporter@example.org', password: 'second-password' }).expect(401);
    await t.as('admin').delete(`/api/users/${id}`).expect(200); // already disabled: nothing more happens

    const audit = await auditOf(id);
    const adminId = t.users.admin.id;
    expect(audit).toEqual([
      {
        userId: adminId,
        action: 'create',
        changes: {
          id: [null, id],
          email: [null, 'reporter@example.org'],
          name: [null, 'Rita Reporter'],
          role: [null, 'analyst'],
          disabled: [null, false],
          password: [null, '***'],
        },
      },
      { userId: adminId, action: 'update', changes: { role: ['analyst', 'editor'] } },
      { userId: adminId, action: 'update', changes: { password: ['***', '***'] } },
      { userId: adminId, action: 'delete', changes: { disabled: [false, true] } },
    ]);
    const [{ hash }] = await t.dataSource.query(`SELECT password_hash AS hash FROM users WHERE id = $1`, [id]);
    expect(JSON.stringify(audit)).not.toContain(hash);
  });

  it('validates input: email, role, password length, unknown fields; a taken email is a 409', async () => {
    const bad = await t
      .as('admin')
      .post('/api/users')
      .send({ email: 'not-an-email', role: 'boss', password: 'short', colour: 'red' })
      .expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['colour', 'email', 'password', 'role']);
    expect(bad.body.errors.password).toMatch(/at least 8 characters/);
    await t.as('admin').post('/api/users').send({ email: 'x@test.local', role: 'editor' }).expect(400);
    const taken = await t
      .as('admin')
      .post('/api/users')
      .send({ email: 'EDITOR@test.local', role: 'editor', password: 'long-enough' })
      .expect(409);
    expect(taken.body.errors).toEqual({ email: 'already exists' });
    await t.as('admin').put(`/api/users/${t.users.editor.id}`).send({ password: 'short' }).expect(400);
    await t.as('admin').put(`/api/users/${t.users.editor.id}`).send({ email: 'analyst@test.local' }).expect(409);
    await t.as('admin').get('/api/users/not-a-uuid').expect(400);
    await t.as('admin').get('/api/users/00000000-0000-4000-8000-000000000000').expect(404);
    await t.as('admin').put('/api/users/00000000-0000-4000-8000-000000000000').send({ name: 'x' }).expect(404);
    await t.as('admin').get('/api/users').query({ sort: '["password","ASC"]' }).expect(400);
    await t.as('admin').get('/api/users').query({ filter: '{bad json' }).expect(400);
  });

  it('is for admins only: editors and analysts get 403, anonymous 401', async () => {
    for (const role of ['editor', 'analyst'] as const) {
      await t.as(role).get('/api/users').expect(403);
      await t.as(role).get(`/api/users/${t.users[role].id}`).expect(403);
      await t.as(role).post('/api/users').send({ email: 'x@test.local', role: 'admin', password: 'long-enough' }).expect(403);
      // no privilege escalation: nobody but an admin changes a role, their own included
      await t.as(role).put(`/api/users/${t.users[role].id}`).send({ role: 'admin' }).expect(403);
      await t.as(role).delete(`/api/users/${t.users.admin.id}`).expect(403);
    }
    await t.http.get('/api/users').expect(401);
    const roles = await t.dataSource.query(`SELECT email, role FROM users WHERE email LIKE '%@test.local' ORDER BY email`);
    expect(roles).toEqual([
      { email: 'analyst@test.local', role: 'analyst' },
      { email: 'editor@test.local', role: 'editor' },
    ]);
  });

  it('never lets the last active admin be disabled or demoted', async () => {
    const adminId = t.users.admin.id;
    const other = await t.createUser({ role: 'editor', email: 'boss@test.local' });
    // the admin is the only one: neither demote nor disable
    const demote = await t.as('admin').put(`/api/users/${adminId}`).send({ role: 'editor' }).expect(409);
    expect(demote.body.message).toMatch(/last active admin/);
    expect(demote.body.errors).toEqual({ role: expect.any(String) });
    await t.as('admin').put(`/api/users/${adminId}`).send({ disabled: true }).expect(409);
    await t.as('admin').delete(`/api/users/${adminId}`).expect(409);

    // a disabled admin does not count
    await t.as('admin').put(`/api/users/${other.id}`).send({ role: 'admin', disabled: true }).expect(200);
    await t.as('admin').put(`/api/users/${adminId}`).send({ role: 'analyst' }).expect(409);

    // with another active admin, an admin may step down (their own role included), but not disable themselves
    await t.as('admin').put(`/api/users/${other.id}`).send({ disabled: false }).expect(200);
    const self = await t.as('admin').delete(`/api/users/${adminId}`).expect(409);
    expect(self.body.message).toMatch(/your own account/);
    await t.as('admin').put(`/api/users/${adminId}`).send({ role: 'editor' }).expect(200);
    await t.as('admin').get('/api/users').expect(403);
    // and now `other` is the last admin (signed in again: disabling revoked the tokens issued before)
    const otherToken = await t.login(other.email, other.password);
    await t.withToken(otherToken).put(`/api/users/${other.id}`).send({ role: 'editor' }).expect(409);
    await t.withToken(otherToken).put(`/api/users/${adminId}`).send({ role: 'admin' }).expect(200);
    await t.as('admin').get('/api/users').expect(200);
  });

  it('keeps an active admin when two admins demote each other at the same time', async () => {
    const a = await t.createUser({ role: 'admin' });
    const b = await t.createUser({ role: 'admin' });
    // leave a and b as the only active admins
    await t.dataSource.query(`UPDATE users SET role = 'editor' WHERE role = 'admin' AND id <> ALL($1)`, [[a.id, b.id]]);
    const results = await Promise.all([
      t.withToken(a.token).put(`/api/users/${b.id}`).send({ role: 'editor' }),
      t.withToken(b.token).put(`/api/users/${a.id}`).send({ role: 'editor' }),
    ]);
    // one wins; the other is refused, as the last admin (409) or as no longer an admin (403)
    const [first, second] = results.map((r) => r.status).sort();
    expect(first).toBe(200);
    expect([403, 409]).toContain(second);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`);
    expect(n).toBe(1);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [t.users.admin.id]);
  });

  it('records nothing when a save changes nothing', async () => {
    const before = (await auditOf(t.users.analyst.id)).length;
    const { body } = await t.as('admin').get(`/api/users/${t.users.analyst.id}`).expect(200);
    await t.as('admin').put(`/api/users/${t.users.analyst.id}`).send(body).expect(200);
    expect((await auditOf(t.users.analyst.id)).length).toBe(before);
  });
});
