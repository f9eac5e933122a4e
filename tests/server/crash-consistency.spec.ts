import { existsSync, mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { checkDerivedData } from '../../apps/api/src/database/derived-data';
import { embeddedUrl, exited, MAIN, postmasterPid, RunningServer, startServer } from '../utils/server-process';
import { IMPORT_BATCH } from '../../apps/api/src/intake/import.service';

/**
 * SIGKILL in the middle of a bulk import, of creates in flight and of a streamed export, on the
 * built server with embedded PostgreSQL. The restart needs no operator (PostgreSQL's crash
 * recovery, the stale lock released), the import is all or nothing, every acknowledged write is
 * there, and nothing is left half-linked.
 */
// More than one write batch, so the import transaction has written rows when the kill comes.
const IMPORT_ROWS = 3 * IMPORT_BATCH;
const MARK = 'crash-import';

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function json<T>(server: RunningServer, path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

async function signIn(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@localhost', password: 'admin-password' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Rows and relations nothing can reach any more: none may exist. */
async function orphans(url: string): Promise<Record<string, number>> {
  const [row] = await sql<Record<string, number>>(
    url,
    `SELECT (SELECT count(*) FROM stances x WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = x.statement_id))::int AS stances,
            (SELECT count(*) FROM statement_topics x WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = x.statement_id))::int AS topics,
            (SELECT count(*) FROM statement_tags x WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = x.statement_id))::int AS tags,
            (SELECT count(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = r.from_statement_id)
                                                 OR NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = r.to_statement_id))::int AS relations,
            (SELECT count(*) FROM audit a WHERE a.entity_type = 'statements'
                AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.id = a.entity_id))::int AS audit`,
  );
  return row;
}

const statementCount = async (url: string) =>
  (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM statements WHERE text NOT LIKE '${MARK}%'`))[0].n;
const importedCount = async (url: string) =>
  (await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM statements WHERE text LIKE '${MARK}%'`))[0].n;

jest.setTimeout(180_000);

describe('SIGKILL mid-import, mid-write and mid-export', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'stance-crash-'));
  let server: RunningServer | undefined;
  let csv: { header: string; rows: string[] };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
    server = await startServer(dataDir, { ADMIN_PASSWORD: 'admin-password', LOG_LEVEL: 'warn' });
    const token = await signIn(server);
    // The import file: a seeded statement as the export writes it, as new rows with their own text.
    const exported = await fetch(`${server.base}/api/statements/export.csv?bom=false`, { headers: { Authorization: `Bearer ${token}` } });
    const [header, sample] = parse(await exported.text()) as string[][];
    const record = (i: number) =>
      stringify([
        header.map((column, c) => (column === 'id' || column === 'relatedIds' ? '' : column === 'text' ? `${MARK} ${i}` : sample[c])),
      ]);
    csv = { header: stringify([header]), rows: Array.from({ length: IMPORT_ROWS }, (_, i) => record(i)) };
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null) {
      server.process.kill('SIGTERM');
      await exited(server.process);
    }
  });

  it('after a power-cut-like kill (API and PostgreSQL) during an import and creates: restarts alone, import absent, acknowledged creates present', async () => {
    const running = server!;
    const url = embeddedUrl(dataDir);
    const token = await signIn(running);
    const before = await statementCount(url);
    const { body: actors } = await json<{ id: string }[]>(
      running,
      `/api/actors?range=[0,0]&filter=${encodeURIComponent('{"kind":"state"}')}`,
      token,
    );

    // The import reads its whole file before its transaction starts; it then writes its first rows
    // and waits on a lock this test holds on the topic links (editors' creates below add none).
    const locker = new Client({ connectionString: url });
    await locker.connect();
    locker.on('error', () => undefined);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE statement_topics IN SHARE MODE');
    const upload = httpRequest(`${running.base}/api/statements/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
    });
    upload.on('error', () => undefined);
    upload.write(csv.header);
    upload.end(csv.rows.join(''));
    let writing = false;
    for (let i = 0; i < 300 && !writing; i++) {
      const rows = await sql(
        url,
        `SELECT 1 FROM pg_stat_activity
          WHERE backend_xid IS NOT NULL AND wait_event_type = 'Lock' AND datname = 'stance' AND pid <> pg_backend_pid()`,
      );
      writing = rows.length > 0;
      if (!writing) await new Promise((r) => setTimeout(r, 100));
    }
    expect(writing).toBe(true);
    expect(await importedCount(url)).toBe(0); // not committed, so not visible

    // Editors keep creating while the crash happens.
    const acknowledged: string[] = [];
    let creating = true;
    const editors = Array.from({ length: 8 }, async (_, editor) => {
      for (let i = 0; creating; i++) {
        try {
          const { status, body } = await json<{ id: string }>(running, '/api/statements', token, {
            method: 'POST',
            body: JSON.stringify({
              text: `editor ${editor} #${i}`,
              lang: 'en',
              kind: 'quote',
              actorId: actors[0].id,
              saidOn: '2025-03-01',
            }),
          });
          if (status === 201) acknowledged.push(body.id);
        } catch {
          return; // the server is gone
        }
      }
    });
    await new Promise((r) => setTimeout(r, 700));
    const postmaster = postmasterPid(dataDir);
    running.process.kill('SIGKILL');
    process.kill(postmaster, 'SIGKILL');
    creating = false;
    await Promise.all(editors);
    await exited(running.process);
    upload.destroy();
    await locker.end().catch(() => undefined);
    expect(acknowledged.length).toBeGreaterThan(0);

    // No operator: the stale lock is released and PostgreSQL recovers from its WAL.
    server = await startServer(dataDir, { LOG_LEVEL: 'warn' });
    const after = embeddedUrl(dataDir);
    expect(await importedCount(after)).toBe(0);
    const present = await sql<{ id: string }>(after, `SELECT id FROM statements WHERE id = ANY($1::uuid[])`, [acknowledged]);
    expect(present.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
    expect(await statementCount(after)).toBeGreaterThanOrEqual(before + acknowledged.length);
    // every stored create has its audit entry (same transaction)
    const audited = await sql<{ n: number }>(
      after,
      `SELECT count(DISTINCT entity_id)::int AS n FROM audit WHERE action = 'create' AND entity_id = ANY($1::uuid[])`,
      [acknowledged],
    );
    expect(audited[0].n).toBe(acknowledged.length);
    expect(await orphans(after)).toEqual({ stances: 0, topics: 0, tags: 0, relations: 0, audit: 0 });
  });

  it('the same import, sent again whole, is applied whole', async () => {
    const token = await signIn(server!);
    const response = await fetch(`${server!.base}/api/statements/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      body: csv.header + csv.rows.join(''),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ created: IMPORT_ROWS, updated: 0, errors: [] });
    expect(await importedCount(embeddedUrl(dataDir))).toBe(IMPORT_ROWS);
  });

  it('after a kill in the middle of a streamed export: restarts alone with the data unchanged', async () => {
    const running = server!;
    const url = embeddedUrl(dataDir);
    const token = await signIn(running);
    const counts = { statements: await statementCount(url), imported: await importedCount(url) };
    const exported = await fetch(`${running.base}/api/statements/export.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    const reader = exported.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    running.process.kill('SIGKILL');
    await exited(running.process);
    await reader.cancel().catch(() => undefined);

    server = await startServer(dataDir, { LOG_LEVEL: 'warn' });
    const after = embeddedUrl(dataDir);
    expect({ statements: await statementCount(after), imported: await importedCount(after) }).toEqual(counts);
    expect(await orphans(after)).toEqual({ stances: 0, topics: 0, tags: 0, relations: 0, audit: 0 });
    const again = await fetch(`${server.base}/api/statements/export.csv?bom=false`, {
      headers: { Authorization: `Bearer ${await signIn(server)}` },
    });
    expect((parse(await again.text()) as string[][]).length - 1).toBe(counts.statements + counts.imported);
  });
  it('leaves every derived structure consistent with its sources (db:check)', async () => {
    const dataSource = new DataSource({ type: 'postgres', url: embeddedUrl(dataDir) });
    await dataSource.initialize();
    try {
      expect(await checkDerivedData(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
