import { Client } from 'pg';
import type { Response } from 'supertest';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * One pooled connection, held by a request that waits on a table lock another session keeps: the
 * next request waits in the pool's queue. Waiting longer than DB_POOL_QUEUE_TIMEOUT_MS answers 503
 * "server busy" (the database is up); waiting longer than DB_CONNECT_TIMEOUT_MS alone does not.
 */
async function holdOnlyConnection(t: TestApp, tagId: string): Promise<{ blocked: Promise<Response>; release(): Promise<void> }> {
  const locker = new Client({ connectionString: t.db.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE tags IN ACCESS EXCLUSIVE MODE');
  const blocked = t
    .as('analyst')
    .get(`/api/tags/${tagId}`)
    .then((response) => response);
  for (let i = 0; i < 100; i++) {
    const { rows } = await locker.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    blocked,
    async release() {
      await locker.query('ROLLBACK');
      await locker.end();
    },
  };
}

describe('waiting for a pooled connection', () => {
  describe('longer than the queue timeout', () => {
    let t: TestApp;
    let tagId: string;

    beforeAll(async () => {
      t = await createTestApp({ env: { DB_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '200', DB_POOL_QUEUE_TIMEOUT_MS: '300' } });
      tagId = (await t.as('editor').post('/api/tags').send({ slug: 'held', name: 'Held' }).expect(201)).body.id;
    });
    afterAll(() => t?.close());

    it('answers 503 "server busy" with Retry-After, writes nothing, and serves both requests once the connection is free', async () => {
      const held = await holdOnlyConnection(t, tagId);
      const started = Date.now();
      const busy = await t.as('editor').post('/api/tags').send({ slug: 'queued', name: 'Queued' });
      const waited = Date.now() - started;
      await held.release();

      expect(busy.status).toBe(503);
      expect(busy.body).toEqual({ statusCode: 503, message: 'server busy: no database connection free within 0.3 s; retry' });
      expect(busy.headers['retry-after']).toBe('2');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(3000);

      expect((await held.blocked).status).toBe(200);
      // The 503 wrote nothing: the same tag is created now, once (its slug is unique).
      await t.as('editor').post('/api/tags').send({ slug: 'queued', name: 'Queued' }).expect(201);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM tags WHERE slug = 'queued'`)).toEqual([{ n: 1 }]);
    });
  });

  describe('longer than the connect timeout, shorter than the queue timeout', () => {
    let t: TestApp;
    let tagId: string;

    beforeAll(async () => {
      t = await createTestApp({ env: { DB_POOL_SIZE: '1', DB_CONNECT_TIMEOUT_MS: '200', DB_POOL_QUEUE_TIMEOUT_MS: '5000' } });
      tagId = (await t.as('editor').post('/api/tags').send({ slug: 'held', name: 'Held' }).expect(201)).body.id;
    });
    afterAll(() => t?.close());

    it('is served once the connection is free', async () => {
      const held = await holdOnlyConnection(t, tagId);
      const queued = t
        .as('analyst')
        .get(`/api/tags/${tagId}`)
        .then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 600));
      await held.release();

      expect((await held.blocked).status).toBe(200);
      const response = await queued;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: tagId, slug: 'held' });
    });

    it('leaves the health check up: it pings on a connection of its own, not in the queue', async () => {
      const held = await holdOnlyConnection(t, tagId);
      try {
        const started = Date.now();
        const health = await t.http.get('/api/health');
        expect(health.status).toBe(200);
        expect(health.body).toEqual({ status: 'ok', db: 'up' });
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await held.release();
      }
      expect((await held.blocked).status).toBe(200);
    });
  });

  describe('for a client that has gone', () => {
    let t: TestApp;
    let tagId: string;

    beforeAll(async () => {
      t = await createTestApp({ env: { DB_POOL_SIZE: '1', DB_POOL_QUEUE_TIMEOUT_MS: '20000' } });
      tagId = (await t.as('editor').post('/api/tags').send({ slug: 'held', name: 'Held' }).expect(201)).body.id;
    });
    afterAll(() => t?.close());

    it('runs none of its queries once a connection is free', async () => {
      // statements stays locked throughout: the first list query to run waits there, and shows which one it is.
      const statementsLock = new Client({ connectionString: t.db.url });
      await statementsLock.connect();
      await statementsLock.query('BEGIN');
      await statementsLock.query('LOCK TABLE statements IN ACCESS EXCLUSIVE MODE');
      const held = await holdOnlyConnection(t, tagId);
      try {
        // Queued behind the held connection; its client gives up after 300 ms.
        const gone = t
          .as('analyst')
          .get('/api/statements')
          .query({ filter: JSON.stringify({ lang: 'en' }) })
          .timeout(300)
          .then(
            () => 'answered',
            (error: { timeout?: number }) => (error.timeout ? 'gave up' : 'failed'),
          );
        expect(await gone).toBe('gave up');
        const kept = t
          .as('analyst')
          .get('/api/statements')
          .query({ filter: JSON.stringify({ kind: 'quote' }) })
          .then((response) => response);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await held.release();
        expect((await held.blocked).status).toBe(200);

        // The connection went to the request still waited for, not to the one whose client left.
        let waiting: string[] = [];
        for (let i = 0; i < 100 && !waiting.length; i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          waiting = (
            await statementsLock.query<{ query: string }>(
              `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          ).rows.map((row) => row.query);
        }
        expect(waiting).toHaveLength(1);
        expect(waiting[0]).toContain('s.kind = ANY');
        expect(waiting[0]).not.toContain('s.lang = ANY');
        await statementsLock.query('ROLLBACK');
        expect((await kept).status).toBe(200);
      } finally {
        await statementsLock.end().catch(() => undefined);
      }
    });
  });

  it('rejects pool settings that are not positive integers', () => {
    expect(() => loadConfig({ DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ DB_POOL_QUEUE_TIMEOUT_MS: '-1' })).toThrow(/DB_POOL_QUEUE_TIMEOUT_MS/);
    expect(loadConfig({}).databasePool).toEqual({ size: 10, connectTimeoutMs: 5000, queueTimeoutMs: 30_000 });
  });
});
