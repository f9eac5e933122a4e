import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { exited, MAIN, startServer } from '../utils/server-process';

/** Counts rows with the server stopped, through the same embedded cluster. */
async function counts(dataDir: string): Promise<Record<string, number>> {
  const db = await startEmbeddedPostgres(dataDir);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM statements)::int AS statements, (SELECT count(*) FROM actors)::int AS actors,
            (SELECT count(*) FROM stances)::int AS stances, (SELECT count(*) FROM sources)::int AS sources`,
  );
  await client.end();
  await db.stop();
  return rows[0];
}

const postmasterRunning = (dataDir: string) => existsSync(join(dataDir, 'pg', 'postmaster.pid'));

/**
 * The built server as `npm start` runs it (dist/), on an empty DATA_DIR with embedded PostgreSQL:
 * it migrates, seeds, serves the admin UI and the API; it restarts on existing data without
 * seeding twice, and recovers after being killed.
 */
describe('the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stance-start-'));
  let seeded: Record<string, number>;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  });

  it('starts on an empty DATA_DIR: migrates, seeds, serves health, the admin UI and the docs; stops cleanly on SIGTERM', async () => {
    const server = await startServer(dataDir, { ADMIN_PASSWORD: '' });
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok', db: 'up' });
    // no user yet and no ADMIN_PASSWORD: a generated password, printed once, signs in
    const password = /First admin: admin@localhost \/ (\S+)/.exec(server.output())?.[1];
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@localhost', password }),
    });
    expect(login.status).toBe(200);
    const admin = await fetch(`${base}/`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('<div id="root">');
    expect((await fetch(`${base}/api/docs-json`)).status).toBe(200);
    expect(server.output()).toMatch(/empty database seeded/);
    server.process.kill('SIGTERM');
    expect(await exited(server.process)).toBe(0);
    expect(postmasterRunning(dataDir)).toBe(false);
    seeded = await counts(dataDir);
    expect(seeded.statements).toBeGreaterThanOrEqual(20);
    expect(seeded.sources).toBe(1);
  });

  it('restarts on the existing DATA_DIR keeping the data and seeding nothing twice', async () => {
    const server = await startServer(dataDir, { ADMIN_PASSWORD: 'ignored-password' });
    expect(server.output()).not.toMatch(/empty database seeded/);
    expect(server.output()).not.toMatch(/First admin/);
    server.process.kill('SIGINT');
    expect(await exited(server.process)).toBe(0);
    expect(await counts(dataDir)).toEqual(seeded);
  });

  it('recovers without an operator after being killed, and from a stale lock file', async () => {
    const killed = await startServer(dataDir);
    killed.process.kill('SIGKILL');
    await exited(killed.process);
    // the orphaned PostgreSQL is still running on the cluster; the next start must deal with it
    const again = await startServer(dataDir);
    again.process.kill('SIGTERM');
    expect(await exited(again.process)).toBe(0);

    // a lock file naming a live process that is not PostgreSQL (a pid reused after a crash)
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    writeFileSync(pidFile, `${process.pid}\n${join(dataDir, 'pg')}\n0\n5432\n`);
    const afterStaleLock = await startServer(dataDir);
    expect(readFileSync(pidFile, 'utf8').split('\n')[0]).not.toBe(String(process.pid));
    afterStaleLock.process.kill('SIGTERM');
    expect(await exited(afterStaleLock.process)).toBe(0);
    expect(await counts(dataDir)).toEqual(seeded);
  });

  it('refuses invalid configuration with a clear message', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir }, stdio: 'pipe' });
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => (output += chunk));
    expect(await exited(child)).toBe(1);
    expect(output).toMatch(/PORT must be a port number/);
  });
});
