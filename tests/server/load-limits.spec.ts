import type { Server } from 'node:http';
import { connect, Socket } from 'node:net';
import { Client } from 'pg';
import type { Pool } from 'pg';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { checkDerivedData } from '../../apps/api/src/database/derived-data';
import { createTestApp, TestApp } from '../utils/test-app';

/** Statements whose export is far larger than what the sockets between server and client can buffer. */
async function seedLargeExport(t: TestApp, count = 3000): Promise<void> {
  const actor = await t.as('editor').post('/api/actors').send({ slug: 'bulk-actor', name: 'Bulk actor', kind: 'state' }).expect(201);
  await t.dataSource.query(
    `INSERT INTO statements (text, lang, kind, actor_id, said_on, notes)
     SELECT 'Bulk statement ' || i, 'en', 'quote', $1, date '2020-01-01' + i % 1000, repeat('n', 10000) FROM generate_series(1, $2::int) i`,
    [actor.body.id, count],
  );
}

function listen(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer() as Server;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** An export whose client reads the first bytes of the answer and then nothing more, its connection left open. */
function stalledExport(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /api/statements/export.csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    });
    socket.once('data', (chunk) => {
      socket.pause();
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 200'))
        reject(new Error(`export answered ${chunk.toString('latin1').slice(0, 60)}`));
      else resolve(socket);
    });
    socket.on('error', () => undefined);
  });
}

const pool = (t: TestApp) => (t.dataSource.driver as unknown as { master: Pool }).master;

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('exports and heavy searches cannot starve the rest', () => {
  describe('an export whose client stops reading', () => {
    let t: TestApp;
    let port: number;

    beforeAll(async () => {
      t = await createTestApp({
        env: {
          DB_POOL_SIZE: '2',
          DB_POOL_QUEUE_TIMEOUT_MS: '20000',
          EXPORT_CONCURRENCY: '2',
          EXPORT_CONCURRENCY_PER_USER: '2',
          EXPORT_STALL_TIMEOUT_MS: '300',
        },
      });
      await seedLargeExport(t);
      port = await listen(t);
    });
    afterAll(() => t?.close());

    it('is cut off, and frees its database connection for the others', async () => {
      const sockets = [await stalledExport(port, t.tokenFor('analyst')), await stalledExport(port, t.tokenFor('analyst'))];
      try {
        // Both pooled connections are held by the two exports' cursors.
        await until(() => pool(t).totalCount === 2 && pool(t).idleCount === 0);
        const list = await t.as('editor').get('/api/statements').query({ range: '[0,4]' });
        expect(list.status).toBe(200);
        await t.as('editor').get('/api/auth/me').expect(200);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    });
  });

  describe('concurrent exports', () => {
    let t: TestApp;
    let port: number;

    beforeAll(async () => {
      t = await createTestApp({ env: { EXPORT_CONCURRENCY: '2', EXPORT_CONCURRENCY_PER_USER: '1', EXPORT_STALL_TIMEOUT_MS: '600000' } });
      await seedLargeExport(t);
      port = await listen(t);
    });
    afterAll(() => t?.close());

    it('are bounded per user (429) and in total (503), with Retry-After, while the rest is served', async () => {
      const sockets = [await stalledExport(port, t.tokenFor('analyst'))];
      try {
        const mine = await t.as('analyst').get('/api/statements/export.csv');
        expect(mine.status).toBe(429);
        expect(mine.headers['retry-after']).toBe('5');
        expect(mine.body.message).toMatch(/too many exports of yours at once \(at most 1\)/);

        sockets.push(await stalledExport(port, t.tokenFor('editor')));
        const full = await t.as('admin').get('/api/positions/export.csv');
        expect(full.status).toBe(503);
        expect(full.headers['retry-after']).toBe('5');
        expect(full.body.message).toMatch(/server busy: 2 exports running/);

        await t.as('admin').get('/api/auth/me').expect(200);
        await t.as('admin').get('/api/statements').query({ range: '[0,4]' }).expect(200);
        expect((await t.http.get('/api/health').expect(200)).body).toMatchObject({ status: 'ok', db: 'up' });
      } finally {
        for (const socket of sockets) socket.destroy();
      }
      // Their slots are free again once the stalled clients have gone.
      let again = await t.as('analyst').get('/api/positions/export.csv');
      while (again.status === 429) again = await t.as('analyst').get('/api/positions/export.csv');
      expect(again.status).toBe(200);
    });
  });

  describe('concurrent full-text searches', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ seed: true, env: { SEARCH_CONCURRENCY: '2', SEARCH_CONCURRENCY_PER_USER: '1' } });
    });
    afterAll(async () => {
      if (t) expect(await checkDerivedData(t.dataSource)).toEqual([]);
      await t?.close();
    });

    it('are bounded per user (429) and in total (503); lists without q are not counted', async () => {
      const search = (role: 'analyst' | 'editor' | 'admin', path = '/api/statements') =>
        t
          .as(role)
          .get(path)
          .query({ filter: JSON.stringify({ q: '-a -b -c -d' }) })
          .then((response) => response);
      // Searches that take long: the statements are locked by another session meanwhile.
      const locker = new Client({ connectionString: t.db.url });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE statements IN ACCESS EXCLUSIVE MODE');
      // Page queries of searches waiting for the lock (seen from a session of its own: a transaction keeps its first view of the activity).
      const monitor = new Client({ connectionString: t.db.url });
      await monitor.connect();
      const waiting = async (n: number) => {
        const { rows } = await monitor.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT s.id FROM%'`,
        );
        return rows[0].n >= n;
      };
      let held: Promise<{ status: number }>[] = [];
      try {
        held = [search('analyst')];
        await until(() => waiting(1));
        const mine = await search('analyst', '/api/positions');
        expect(mine.status).toBe(429);
        expect(mine.headers['retry-after']).toBe('2');
        held.push(search('editor'));
        await until(() => waiting(2));
        held.push(
          t
            .as('admin')
            .get('/api/statements')
            .query({ filter: '{}' })
            .then((response) => response),
        );
        const full = await search('admin');
        expect(full.status).toBe(503);
        expect(full.headers['retry-after']).toBe('2');
        expect(full.body.message).toMatch(/server busy: 2 full-text searches running/);
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
        await monitor.end();
      }
      expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200, 200]);
      expect((await search('admin')).status).toBe(200);
    });
  });
  describe('health while requests wait for a database connection', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({ env: { DB_POOL_SIZE: '1', DB_POOL_QUEUE_TIMEOUT_MS: '20000' } });
    });
    afterAll(() => t?.close());

    it('answers at once that the database is up and the server busy, and again plainly ok when the queue is gone', async () => {
      const locker = new Client({ connectionString: t.db.url });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE tags IN ACCESS EXCLUSIVE MODE');
      let requests: Promise<{ status: number }>[] = [];
      try {
        // One request holds the only connection (it waits for the lock), the next waits for the connection.
        requests = [0, 1].map(() =>
          t
            .as('analyst')
            .get('/api/tags')
            .then((response) => response),
        );
        await until(() => pool(t).waitingCount > 0);
        const health = await t.http.get('/api/health').expect(200);
        expect(health.body).toEqual({ status: 'ok', db: 'up', busy: { waiting: expect.any(Number), inUse: 1, size: 1 } });
        expect(health.body.busy.waiting).toBeGreaterThan(0);
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      expect((await Promise.all(requests)).map((response) => response.status)).toEqual([200, 200]);
      expect((await t.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok', db: 'up' });
    });
  });
  it('takes its limits from the environment, positive integers only', () => {
    expect(loadConfig({}).limits).toEqual({
      exports: { total: 2, perUser: 1 },
      searches: { total: 3, perUser: 2 },
      exportStallTimeoutMs: 30_000,
    });
    expect(() => loadConfig({ EXPORT_CONCURRENCY: '0' })).toThrow(/EXPORT_CONCURRENCY must be a positive integer/);
    expect(() => loadConfig({ SEARCH_CONCURRENCY_PER_USER: 'many' })).toThrow(/SEARCH_CONCURRENCY_PER_USER/);
    expect(() => loadConfig({ EXPORT_STALL_TIMEOUT_MS: '-5' })).toThrow(/EXPORT_STALL_TIMEOUT_MS/);
  });
});
