import { createServer, Server, Socket } from 'node:net';
import { Pool } from 'pg';
import { isDatabaseUnavailable, isPoolQueueTimeout } from '../common/database-errors';
import { poolOptions } from './data-source';

/** A "database" that accepts TCP connections and never answers: a connect can only end by timing out. */
describe('the pool of an unreachable database', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let pool: Pool;

  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await pool?.end();
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up after the connect timeout, not the queue timeout, as "database unavailable"', async () => {
    const { port } = server.address() as { port: number };
    pool = new Pool({
      ...poolOptions({ size: 1, connectTimeoutMs: 200, queueTimeoutMs: 10_000 }),
      host: '127.0.0.1',
      port,
      user: 'nobody',
      database: 'nothing',
    });
    const started = Date.now();
    const error = await pool.connect().then(
      () => undefined,
      (e: Error) => e,
    );
    const elapsed = Date.now() - started;

    expect(error).toBeInstanceOf(Error);
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2000);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isPoolQueueTimeout(error)).toBe(false);
  });
});

describe('a pool that has been ended (the server is stopping)', () => {
  it('is "database unavailable" for a request still asking for a connection: a 503 to retry elsewhere, not a 500', async () => {
    const pool = new Pool(poolOptions({ size: 1, connectTimeoutMs: 200, queueTimeoutMs: 1000 }));
    await pool.end();
    const error = await pool.connect().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
