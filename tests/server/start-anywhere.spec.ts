import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { checkDatabase, DatabaseChecks } from '../../apps/api/src/database/database-checks';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { withDatabase } from '../utils/test-database';
import { embeddedUrl, exited, failedStart, freePort, MAIN, RunningServer, startServer } from '../utils/server-process';

/**
 * `npm start` anywhere: as root in a private (0700) folder, under any LANG or none, on a cluster an
 * earlier version made in locale C; and every start-up failure of the environment is one line and
 * exit code 1. Each healthy start shows that trigram search sees Arabic: the near-duplicate of a
 * seeded Arabic statement is found by GET /api/statements/<id>/similar.
 */
const REPO = resolve(__dirname, '../..');
const LOCALE_VARIABLES = ['LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_COLLATE', 'LC_MESSAGES', 'LC_NUMERIC', 'LC_TIME', 'LC_MONETARY'];
const noLocale = Object.fromEntries(LOCALE_VARIABLES.map((name) => [name, undefined]));

jest.setTimeout(120_000);

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function api<T>(server: RunningServer, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

/** Adds a near-duplicate of a seeded Arabic statement and returns the ids `similar` finds for the original. */
async function arabicNearDuplicate(server: RunningServer): Promise<{ duplicate: string; found: string[] }> {
  const login = await api<{ accessToken: string }>(server, '/api/auth/login', undefined, {
    email: 'admin@localhost',
    password: 'admin-password',
  });
  expect(login.status).toBe(200);
  const token = login.body.accessToken;
  const filter = encodeURIComponent(JSON.stringify({ lang: 'ar' }));
  const { body: seeded } = await api<{ id: string; text: string; actorId: string; saidOn: string }[]>(
    server,
    `/api/statements?filter=${filter}&range=[0,0]&sort=["saidOn","ASC"]`,
    token,
  );
  expect(seeded).toHaveLength(1);
  const original = seeded[0];
  const created = await api<{ id: string }>(server, '/api/statements', token, {
    text: `${original.text} وأضاف`,
    lang: 'ar',
    kind: 'paraphrase',
    actorId: original.actorId,
    saidOn: original.saidOn,
  });
  expect(created.status).toBe(201);
  const similar = await api<{ id: string }[]>(server, `/api/statements/${original.id}/similar`, token);
  expect(similar.status).toBe(200);
  return { duplicate: created.body.id, found: similar.body.map((row) => row.id) };
}

async function stop(server: RunningServer): Promise<void> {
  server.process.kill('SIGTERM');
  expect(await exited(server.process)).toBe(0);
}

describe('starting anywhere', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'stance-anywhere-'));

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  });

  it('as root from a checkout in a private (0700) folder, default DATA_DIR, no LANG or LC_* at all: healthy, admin served, Arabic near-duplicates found', async () => {
    const home = mkdtempSync(join(tmpdir(), 'stance-home-'));
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const checkout = join(home, 'stance');
    mkdirSync(checkout);
    // The built checkout: dist/, seeds/, package.json and node_modules (hard links: same files, new paths).
    execFileSync('cp', ['-a', join(REPO, 'dist'), join(REPO, 'seeds'), join(REPO, 'package.json'), checkout]);
    execFileSync('cp', ['-al', join(REPO, 'node_modules'), checkout]);
    const server = await startServer(undefined, { ...noLocale, DATA_DIR: undefined, ADMIN_PASSWORD: 'admin-password' }, undefined, {
      main: join(checkout, 'dist/apps/api/src/main.js'),
      cwd: checkout,
    });
    try {
      expect(await (await fetch(`${server.base}/api/health`)).json()).toEqual({ status: 'ok', db: 'up' });
      if (process.getuid?.() === 0)
        expect(server.output()).toMatch(new RegExp(`granted the user "postgres" search-only access .* to ${home} `));
      const admin = await fetch(`${server.base}/`);
      expect(admin.status).toBe(200);
      const { duplicate, found } = await arabicNearDuplicate(server);
      expect(found).toContain(duplicate);
      const [ctype] = await sql<{ datctype: string }>(
        embeddedUrl(join(checkout, '.data')),
        `SELECT datctype FROM pg_database WHERE datname = 'stance'`,
      );
      expect(ctype.datctype).toMatch(/UTF-8/i);
    } finally {
      await stop(server);
    }
  });

  for (const lang of ['C', 'xx_YY.UTF-8']) {
    it(`with LANG=${lang}: healthy, and Arabic near-duplicates found`, async () => {
      const dataDir = join(scratch, `lang-${lang}`);
      const server = await startServer(dataDir, { ...noLocale, LANG: lang, ADMIN_PASSWORD: 'admin-password' });
      try {
        const { duplicate, found } = await arabicNearDuplicate(server);
        expect(found).toContain(duplicate);
      } finally {
        await stop(server);
      }
    });
  }

  it('upgrades a cluster an earlier version made in locale C, keeping its data', async () => {
    const dataDir = join(scratch, 'lang-C');
    // The database as an earlier version left it: LC_CTYPE C, search columns and indexes computed under it.
    const db = await startEmbeddedPostgres(dataDir);
    const admin = withDatabase(db.url, 'postgres');
    await sql(admin, `UPDATE pg_database SET datctype = 'C' WHERE datname IN ('stance', 'template1', 'postgres')`);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `BEGIN; SET LOCAL session_replication_role = replica; UPDATE statements SET text = text; UPDATE actors SET name = name; COMMIT`,
    );
    await client.query('REINDEX DATABASE stance');
    const before = (await client.query(`SELECT count(*)::int AS n, max(updated_at) AS updated FROM statements`)).rows[0];
    expect((await client.query(`SELECT show_trgm('قال') AS t`)).rows[0].t).toEqual([]);
    await client.end();
    await db.stop();

    const server = await startServer(dataDir, { ADMIN_PASSWORD: 'admin-password' });
    try {
      expect(server.output()).toMatch(/was created with LC_CTYPE C by an earlier version/);
      const url = embeddedUrl(dataDir);
      expect(await sql(url, `SELECT count(*)::int AS n, max(updated_at) AS updated FROM statements`)).toEqual([before]);
      expect((await sql<{ datctype: string }>(url, `SELECT datctype FROM pg_database WHERE datname = 'stance'`))[0].datctype).toMatch(
        /UTF-8/i,
      );
      const { duplicate, found } = await arabicNearDuplicate(server);
      expect(found).toContain(duplicate);
    } finally {
      await stop(server);
    }
  });

  it('with DATABASE_URL: checks version, extensions and character type, warns what is wrong and reports it in health', async () => {
    const server = process.env.STANCE_TEST_SERVER_URL!;
    const name = `stance_test_ctype_c_${process.pid}`;
    await sql(withDatabase(server, 'postgres'), `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const good = await checkDatabase(withDatabase(server, 'postgres'), 5000);
    expect(good).toEqual({
      serverVersion: { ok: true, detail: expect.stringMatching(/^PostgreSQL 1[5-9]/) },
      extensions: { ok: true, detail: 'pg_trgm available' },
      arabicSearch: { ok: true, detail: expect.stringMatching(/UTF-8: Arabic letters are letters to pg_trgm/) },
    });

    const running = await startServer(undefined, { DATABASE_URL: withDatabase(server, name), ADMIN_PASSWORD: 'admin-password' });
    try {
      const health = (await (await fetch(`${running.base}/api/health`)).json()) as { status: string; db: string; checks: DatabaseChecks };
      expect(health).toMatchObject({ status: 'ok', db: 'up', checks: { serverVersion: { ok: true }, extensions: { ok: true } } });
      expect(health.checks.arabicSearch).toEqual({
        ok: false,
        detail: expect.stringMatching(
          /has LC_CTYPE C, under which pg_trgm sees no Arabic letter: near-duplicates .* never match Arabic text; create a database with/,
        ),
      });
      expect(running.output()).toMatch(/WARN.*has LC_CTYPE C, under which pg_trgm sees no Arabic letter/);
    } finally {
      await stop(running);
      await sql(withDatabase(server, 'postgres'), `DROP DATABASE ${name} WITH (FORCE)`);
    }
  });

  describe('an environment that cannot work: one line, exit code 1, no stack trace', () => {
    const oneLine = (output: string, pattern: RegExp) => {
      expect(output).toMatch(pattern);
      expect(output).not.toMatch(/\n\s+at /);
    };

    it('port in use', async () => {
      const blocker = createServer().listen(0);
      await new Promise((r) => blocker.once('listening', r));
      const port = (blocker.address() as { port: number }).port;
      const { code, output } = await failedStart(join(scratch, 'port'), {}, port);
      blocker.close();
      expect(code).toBe(1);
      oneLine(output, new RegExp(`port ${port} is already in use by another process: stop that process, or set PORT to a free port`));
    });

    it('DATA_DIR not writable', async () => {
      const file = join(scratch, 'a-file');
      writeFileSync(file, '');
      const { code, output } = await failedStart(join(file, 'data'), {});
      expect(code).toBe(1);
      oneLine(output, /DATA_DIR .*a-file\/data is not writable \(ENOTDIR\): set DATA_DIR to a folder/);
    });

    it('database unreachable, and a refused password', async () => {
      const unreachable = await failedStart(undefined, { DATABASE_URL: `postgres://stance:secret@127.0.0.1:${await freePort()}/stance` });
      expect(unreachable.code).toBe(1);
      oneLine(
        unreachable.output,
        /PostgreSQL at 127\.0\.0\.1:\d+\/stance refuses connections \(nothing listens there\): start it, or fix DATABASE_URL/,
      );

      const url = new URL(process.env.STANCE_TEST_SERVER_URL!);
      url.password = 'not-the-password';
      const refused = await failedStart(undefined, { DATABASE_URL: url.toString() });
      expect(refused.code).toBe(1);
      oneLine(refused.output, /refused the password for this user: fix the user or password in DATABASE_URL/);
    });

    it('a database whose locale the machine does not have', async () => {
      const dataDir = join(scratch, 'moved');
      const db = await startEmbeddedPostgres(dataDir);
      await sql(withDatabase(db.url, 'postgres'), `UPDATE pg_database SET datctype = 'xx_YY.UTF-8' WHERE datname = 'stance'`);
      await db.stop();
      const { code, output } = await failedStart(dataDir, {});
      expect(code).toBe(1);
      oneLine(output, /locale problem: .*LC_CTYPE "xx_YY\.UTF-8",\s+which is not recognized by setlocale\(\)/);
    });

    it('a second instance on the same DATA_DIR, which leaves the first one running', async () => {
      const dataDir = join(scratch, 'lang-C');
      const first = await startServer(dataDir, {});
      try {
        const { code, output } = await failedStart(dataDir, {});
        expect(code).toBe(1);
        oneLine(output, new RegExp(`another Stance \\(pid ${first.process.pid}\\) is running on DATA_DIR ${dataDir}`));
        expect((await fetch(`${first.base}/api/health`)).status).toBe(200);
      } finally {
        await stop(first);
      }
    });
  });
});
