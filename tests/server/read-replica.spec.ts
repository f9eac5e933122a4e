import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { announceFirstAdmin } from '../../apps/api/src/users/first-admin';

/**
 * A real streaming replica on loopback (DATABASE_READ_URL): the embedded primary's cluster is
 * copied while stopped, the copy starts as a hot standby (`standby.signal`) with pg_ctl. Reads go
 * to the replica (shown by pausing its WAL replay), writes to the primary; with the replica
 * down, reads fall back to the primary.
 */
const BIN = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** As root, PostgreSQL runs as the `postgres` user that owns the cluster (embedded-postgres made it so). */
function pgCtl(args: string[]): void {
  const asPostgres =
    process.getuid?.() === 0
      ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
      : {};
  execFileSync(join(BIN, 'pg_ctl'), args, { ...asPostgres, stdio: 'pipe', timeout: 60_000 });
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('read replica (DATABASE_READ_URL)', () => {
  const primaryDir = mkdtempSync(join(tmpdir(), 'stance-primary-'));
  const replicaDir = `${primaryDir}-replica`;
  const replicaCluster = join(replicaDir, 'pg');
  let primary: EmbeddedDatabase;
  let primaryUrl: string;
  let replicaUrl: string;
  let replicaRunning = false;
  let app: INestApplication;
  let token: string;
  let actorId: string;
  const http = () => request(app.getHttpServer());
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const primaryPort = await freePort();
    primary = await startEmbeddedPostgres(primaryDir, { port: primaryPort });
    const hba = join(primaryDir, 'pg', 'pg_hba.conf');
    if (!/^host\s+replication\s+all\s+127\.0\.0\.1\/32/m.test(readFileSync(hba, 'utf8'))) {
      appendFileSync(hba, '\nhost replication all 127.0.0.1/32 scram-sha-256\n');
    }
    await primary.stop();

    // A clean shutdown leaves a consistent cluster: its copy is a base backup.
    execFileSync('cp', ['-a', primaryDir, replicaDir]);
    const { user, password } = JSON.parse(readFileSync(join(primaryDir, 'credentials.json'), 'utf8')) as { user: string; password: string };
    writeFileSync(join(replicaCluster, 'standby.signal'), '');
    appendFileSync(
      join(replicaCluster, 'postgresql.auto.conf'),
      `\nprimary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${user} password=${password} application_name=stance_replica'\n`,
    );
    primary = await startEmbeddedPostgres(primaryDir, { port: primaryPort });
    primaryUrl = primary.url;

    const replicaPort = await freePort();
    pgCtl([
      'start',
      '-w',
      '-D',
      replicaCluster,
      '-l',
      join(replicaCluster, 'replica.log'),
      '-o',
      `-p ${replicaPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=`,
    ]);
    replicaRunning = true;
    replicaUrl = primaryUrl.replace(`:${primaryPort}/`, `:${replicaPort}/`);
    await eventually(
      async () =>
        (await sql<{ n: number }>(primaryUrl, `SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'`))[0].n === 1,
      'the replica to stream',
    );

    const config = loadConfig({
      LOG_LEVEL: 'error',
      ADMIN_PASSWORD: 'admin-password',
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URL: replicaUrl,
    });
    app = await createApp(config, primaryUrl);
    await app.init();
    await announceFirstAdmin(app, config, () => undefined);
    token = (await http().post('/api/auth/login').send({ email: 'admin@localhost', password: 'admin-password' }).expect(200)).body
      .accessToken;
    actorId = (await auth(http().post('/api/actors')).send({ slug: 'armenia', name: 'Armenia', kind: 'state' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (replicaRunning) pgCtl(['stop', '-m', 'fast', '-D', replicaCluster]);
    await primary?.stop();
  });

  it('is a read-only standby that the primary streams to', async () => {
    expect((await sql<{ r: boolean }>(replicaUrl, 'SELECT pg_is_in_recovery() AS r'))[0].r).toBe(true);
    await expect(sql(replicaUrl, `INSERT INTO tags (slug, name) VALUES ('x', 'x')`)).rejects.toThrow(/read-only/);
  });

  it('writes go to the primary, lists and single reads to the replica', async () => {
    // With replay paused, the replica shows the state before the write: the API's reads do too.
    await sql(replicaUrl, 'SELECT pg_wal_replay_pause()');
    try {
      const created = await auth(http().post('/api/statements')).send({
        text: 'Written on the primary',
        lang: 'en',
        kind: 'quote',
        actorId,
        saidOn: '2025-01-02',
        stances: [{ targetActorId: actorId, value: 1 }],
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(await sql(primaryUrl, 'SELECT id FROM statements WHERE id = $1', [id])).toHaveLength(1);

      const listed = await auth(http().get('/api/statements'))
        .query({ filter: JSON.stringify({ q: 'primary' }) })
        .expect(200);
      expect(listed.body.map((s: { id: string }) => s.id)).not.toContain(id);
      await auth(http().get(`/api/statements/${id}`)).expect(404);

      await sql(replicaUrl, 'SELECT pg_wal_replay_resume()');
      await eventually(async () => (await auth(http().get(`/api/statements/${id}`))).status === 200, 'the write to reach the replica');
      const after = await auth(http().get('/api/statements'))
        .query({ filter: JSON.stringify({ q: 'primary' }) })
        .expect(200);
      expect(after.body.map((s: { id: string }) => s.id)).toContain(id);
      const positionsAfter = await auth(http().get('/api/positions'))
        .query({ filter: JSON.stringify({ actorId }) })
        .expect(200);
      expect(positionsAfter.body).toMatchObject([{ actorId, targetId: actorId, count: 1 }]);
      const csv = await auth(http().get('/api/statements/export.csv'))
        .query({ filter: JSON.stringify({ q: 'primary' }) })
        .expect(200);
      expect(csv.text).toContain(id);
    } finally {
      await sql(replicaUrl, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
    }
  });

  it('with the replica down, reads fall back to the primary and writes go on', async () => {
    pgCtl(['stop', '-m', 'fast', '-D', replicaCluster]);
    replicaRunning = false;
    expect(existsSync(join(replicaCluster, 'postmaster.pid'))).toBe(false);
    const created = await auth(http().post('/api/tags')).send({ slug: 'while-replica-down', name: 'Replica down' }).expect(201);
    const tags = await auth(http().get('/api/tags')).expect(200);
    expect(tags.body.map((t: { id: string }) => t.id)).toContain(created.body.id);
    await auth(http().get(`/api/statements`)).expect(200);
    await auth(http().get('/api/positions')).expect(200);
    const csv = await auth(http().get('/api/statements/export.csv')).expect(200);
    expect(csv.text).toMatch(/Written on the primary/);
    await http().get('/api/health').expect(200);
  });
});
