import type { QueryRunner } from 'typeorm';
import { createTestApp, TestApp, TestUser } from '../utils/test-app';

/**
 * List routes and `GET /api/statements/:id` look up the token's user alongside the handler instead
 * of before it (apps/api/src/auth/user-check.ts). A token that is signed and unexpired but whose user
 * is disabled, or whose password changed since, must still get a 401 and nothing else: no rows, no
 * Content-Range, not the handler's 400 or 404.
 */
describe('the user check alongside a read', () => {
  let t: TestApp;
  let gone: TestUser;
  let statementId: string;

  beforeAll(async () => {
    t = await createTestApp({ seed: true });
    gone = await t.createUser({ role: 'admin', email: 'gone@test.local' });
    [{ id: statementId }] = await t.dataSource.query(`SELECT id FROM statements LIMIT 1`);
    await t.withToken(gone.token).get('/api/statements').expect(200);
    await t.dataSource.query(`UPDATE users SET disabled = true WHERE id = $1`, [gone.id]);
  });
  afterAll(() => t.close());

  it("answers a disabled user's token with 401 and nothing of the answer", async () => {
    for (const path of ['/api/statements', '/api/positions', '/api/actors', `/api/statements/${statementId}`]) {
      const res = await t.withToken(gone.token).get(path).expect(401);
      expect(res.headers['content-range']).toBeUndefined();
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(res.body).toMatchObject({ statusCode: 401 });
      expect(res.body).not.toHaveProperty('id');
      await t.as('analyst').get(path).expect(200);
    }
  });

  it("answers 401 before the handler's own errors: a bad filter, an unknown id", async () => {
    await t.withToken(gone.token).get('/api/statements').query({ filter: '{bad json' }).expect(401);
    await t.as('analyst').get('/api/statements').query({ filter: '{bad json' }).expect(400);
    await t.withToken(gone.token).get('/api/statements/00000000-0000-4000-8000-000000000000').expect(401);
    await t.as('analyst').get('/api/statements/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('answers 401 to a token issued before a password change', async () => {
    const user = await t.createUser({ role: 'analyst', email: 'changed@test.local' });
    await t.withToken(user.token).get('/api/statements').expect(200);
    await t.as('admin').put(`/api/users/${user.id}`).send({ password: 'a-new-password' }).expect(200);
    await t.withToken(user.token).get('/api/statements').expect(401);
    await t.withToken(user.token).get('/api/statements').query({ range: '[0,1]' }).expect(401);
  });

  it('checks first on routes that read the user or need more than the analyst role', async () => {
    await t.withToken(gone.token).get('/api/audit').expect(401);
    await t.withToken(gone.token).get('/api/users').expect(401);
    await t.withToken(gone.token).get('/api/statements/export.csv').expect(401);
    await t.as('analyst').get('/api/audit').expect(200);
  });

  it("runs the user lookup and the list's own reads at the same time", async () => {
    // Hold the users and statements tables: a request that checks first waits on users alone;
    // one that checks alongside waits on both at once.
    const holders: QueryRunner[] = [];
    for (const table of ['users', 'statements']) {
      const holder = t.dataSource.createQueryRunner();
      await holder.startTransaction();
      await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      holders.push(holder);
    }
    const request = t
      .as('analyst')
      .get('/api/statements')
      .query({ range: '[0,4]' })
      .then((res) => res);
    try {
      let waiting: string[] = [];
      for (let i = 0; i < 50 && !(waiting.some((q) => /FROM users/.test(q)) && waiting.some((q) => /statements/.test(q))); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        waiting = (
          await t.dataSource.query(
            `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).map((row: { query: string }) => row.query);
      }
      expect(waiting.some((q) => /FROM users/.test(q))).toBe(true);
      expect(waiting.some((q) => /FROM statements|FROM actors f_root/.test(q))).toBe(true);
    } finally {
      for (const holder of holders) {
        await holder.rollbackTransaction();
        await holder.release();
      }
    }
    const res = await request;
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toMatch(/^statements 0-4\/\d+$/);
  });
});
