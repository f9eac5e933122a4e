import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedUrl, exited, MAIN, postmasterPid, RunningServer, startServer } from '../utils/server-process';

/**
 * The embedded PostgreSQL is supervised: SIGKILL its postmaster while editors write, and the API
 * answers 503 (never 500) meanwhile, starts PostgreSQL again by itself and serves again; every write
 * it acknowledged is there afterwards.
 */
jest.setTimeout(120_000);

const RECOVERY_DEADLINE_MS = 30_000;

describe('embedded PostgreSQL killed under writes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stance-supervised-'));
  let server: RunningServer;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
    server = await startServer(dataDir, { ADMIN_PASSWORD: 'admin-password', LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    server.process.kill('SIGTERM');
    await exited(server.process);
  });

  it('answers 503 while it is down, restarts it, and keeps every acknowledged write', async () => {
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password: 'admin-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const acknowledged: string[] = [];
    const statuses = new Set<number>();
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; writing; i++) {
        const slug = `supervised-${writer}-${i}`;
        const response = await fetch(`${server.base}/api/tags`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ slug, name: slug }),
        });
        statuses.add(response.status);
        if (response.status === 201) acknowledged.push(slug);
        else await new Promise((r) => setTimeout(r, 50));
      }
    });
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));

    const killed = postmasterPid(dataDir);
    process.kill(killed, 'SIGKILL');
    let sawDown = false;
    let back = false;
    for (const deadline = Date.now() + RECOVERY_DEADLINE_MS; Date.now() < deadline && !back;) {
      const health = await fetch(`${server.base}/api/health`);
      if (health.status === 503) sawDown = true;
      back = sawDown && health.status === 200;
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    const afterRestart = acknowledged.length;
    while (acknowledged.length < afterRestart + 10) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await Promise.all(writers);

    expect(sawDown).toBe(true);
    expect(back).toBe(true);
    expect(postmasterPid(dataDir)).not.toBe(killed);
    expect(server.output()).toMatch(/PostgreSQL \(pid \d+\) exited unexpectedly \(SIGKILL\)/);
    expect([...statuses].filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const client = new Client({ connectionString: embeddedUrl(dataDir) });
    await client.connect();
    const { rows } = await client.query<{ slug: string }>(`SELECT slug FROM tags WHERE slug = ANY($1)`, [acknowledged]);
    await client.end();
    expect(rows.map((row) => row.slug).sort()).toEqual([...acknowledged].sort());
  });
});
