import './register-paths';
import '../apps/api/src/database/data-source'; // the app's pg type parsers, so both sides parse rows alike
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { hashPassword } from '../apps/api/src/auth/passwords';
import { AuditService } from '../apps/api/src/audit/audit.service';
import { countLimit, ListSpec, parseListQuery } from '../apps/api/src/common/list-query';
import { StatementExportQuery } from '../apps/api/src/export/statement-export.query';
import { POSITION_LIST, PositionFilter, PositionsQuery } from '../apps/api/src/positions/positions.query';
import { STATEMENT_LIST } from '../apps/api/src/statements/statements.controller';
import { StatementsService } from '../apps/api/src/statements/statements.service';
import { SimilarService } from '../apps/api/src/intake/similar.service';
import { openBenchDatabase, option } from './bench-database';
import { Recorded, recordingDataSource, replay, replayInSteps } from './recorded-sql';

/**
 * One process, one run: each hot API route through HTTP against the real app (a child process,
 * so its memory is its own), and the very SQL that route sends, replayed directly through `pg`.
 *   npm run bench -- [--iterations 30] [--skip-export] [--only positions]
 * Writes bench/out/results.md (tables and EXPLAIN ANALYZE of every query) and prints the tables.
 */

const ITERATIONS = Number(option('iterations', '30'));
const WARMUP = 3;
const SKIP_EXPORT = process.argv.includes('--skip-export');
/** Only the routes whose name contains this text. */
const ONLY = option('only', '');

interface Case {
  name: string;
  path: string;
  /** The SQL the route runs (in parallel when the service runs it so). */
  record(): Promise<Recorded[]>;
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const fixed = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * The timed requests' client: `node:http` on one keep-alive connection, as a load tool's client is.
 * (`fetch` adds ~0.5–1 ms of its own per request here, more at p95, which is the client's time.)
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function getBody(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Bind values written into the SQL, for COPY, which takes none. */
function inline(sql: string, params: unknown[]): string {
  const literal = (value: unknown): string =>
    Array.isArray(value)
      ? `ARRAY[${value.map(literal).join(', ')}]`
      : typeof value === 'number'
        ? String(value)
        : `'${String(value).replace(/'/g, "''")}'`;
  return params.reduceRight<string>((text, value, i) => text.split(`$${i + 1}`).join(literal(value)), sql);
}

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const pool = new Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined); // an idle connection cut by the shutdown below
  const report: string[] = [];
  let server: ReturnType<typeof fork> | undefined;
  try {
    const [{ statements }] = (await pool.query(`SELECT count(*)::int AS statements FROM statements WHERE deleted_at IS NULL`)).rows;
    if (!statements) throw new Error('the benchmark database is empty: run `npm run bench:generate` first');
    const [{ root, name: rootName }] = (
      await pool.query(
        `SELECT a.path[1] AS root, r.name FROM statements s JOIN actors a ON a.id = s.actor_id JOIN actors r ON r.id = a.path[1]
          WHERE s.deleted_at IS NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows;
    await pool.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('bench@localhost', 'Benchmark', 'analyst', $1)
       ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = excluded.password_hash, disabled = false`,
      [await hashPassword('bench-password')],
    );

    server = fork(join(__dirname, 'serve.js'), [], { env: { ...process.env, DATABASE_URL: database.url }, stdio: 'inherit' });
    const port = await new Promise<number>((resolve, reject) => {
      server!.once('message', (message: { port: number }) => resolve(message.port));
      server!.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}/api`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench@localhost', password: 'bench-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}` };

    const query = (params: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const statementsCase = (name: string, params: Record<string, unknown>): Case => ({
      name,
      path: `/statements?${new URLSearchParams(query(params))}`,
      async record() {
        // The SQL of a repeated request, as the HTTP side sends it after its warm-up: the total
        // comes from the service's total cache, checked by one small query instead of counted.
        const calls: Recorded[] = [];
        const recorder = recordingDataSource(calls, pool);
        const service = new StatementsService(recorder, new AuditService(recorder));
        const list = parseListQuery(query(params), STATEMENT_LIST) as never;
        await service.list(list);
        const cold = calls.length;
        await service.list(list);
        return calls.slice(cold);
      },
    });
    const positionsCase = (name: string, params: Record<string, unknown>): Case => ({
      name,
      path: `/positions?${new URLSearchParams(query(params))}`,
      async record() {
        const calls: Recorded[] = [];
        const list = parseListQuery<PositionFilter>(query(params), POSITION_LIST as ListSpec);
        await new PositionsQuery(recordingDataSource(calls, pool)).page(list.filter, list.sort, list.range, countLimit(list));
        return calls;
      },
    });
    const similarCase = (name: string, id: string): Case => ({
      name,
      path: `/statements/${id}/similar`,
      async record() {
        const calls: Recorded[] = [];
        await new SimilarService(recordingDataSource(calls, pool)).forStatement(id, {});
        return calls;
      },
    });
    // A live Arabic statement with a translation, from the middle of the data set.
    const [{ id: similarId }] = (
      await pool.query(
        `SELECT id FROM statements WHERE deleted_at IS NULL AND lang = 'ar' AND translations <> '{}'::jsonb ORDER BY id LIMIT 1 OFFSET 1000`,
      )
    ).rows;
    const q = 'الهدنة';
    const cases: Case[] = [
      statementsCase('list: actor subtree + one year, page 1', {
        filter: { actorId: root, saidFrom: '2023-01-01', saidTo: '2023-12-31' },
        range: [0, 24],
      }),
      statementsCase('list: actor subtree + five years, range 2,500 deep', {
        filter: { actorId: root, saidFrom: '2020-01-01', saidTo: '2024-12-31' },
        range: [2500, 2524],
      }),
      statementsCase(`search "${q}", newest first`, { filter: { q }, sort: ['saidOn', 'DESC'], range: [0, 24] }),
      statementsCase(`search "${q}", ranked`, { filter: { q }, range: [0, 24] }),
      statementsCase('search "وبالهدنة" (light stems), newest first', {
        filter: { q: 'وبالهدنة' },
        sort: ['saidOn', 'DESC'],
        range: [0, 24],
      }),
      statementsCase('search "وبالهدنة" (light stems), ranked', { filter: { q: 'وبالهدنة' }, range: [0, 24] }),
      similarCase('similar: an Arabic statement with a translation', similarId as string),
      positionsCase('positions: subtree × all topics', { filter: { actorId: root, targetType: 'topic' }, range: [0, 24] }),
      positionsCase('positions: subtree × all topics, rolled up', {
        filter: { actorId: root, targetType: 'topic', rollup: true },
        range: [0, 24],
      }),
      positionsCase('positions: subtree × all topics, 2023-01-15…2023-12-31', {
        filter: { actorId: root, targetType: 'topic', saidFrom: '2023-01-15', saidTo: '2023-12-31' },
        range: [0, 24],
      }),
      positionsCase('positions: subtree × all topics, lang=ar (live join)', {
        filter: { actorId: root, targetType: 'topic', lang: 'ar' },
        range: [0, 24],
      }),
      positionsCase('positions: whole actor × target matrix, page 1', { range: [0, 24] }),
      positionsCase('positions: whole matrix rolled up to top-level actors', { filter: { rollup: true }, range: [0, 24] }),
    ];

    const results: string[] = [
      '| route | HTTP p50 | HTTP p95 | SQL p50 | SQL p95 | HTTP/SQL (p50) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    ];
    const explains: string[] = [];
    for (const benchCase of cases.filter((c) => c.name.includes(ONLY))) {
      const calls = await benchCase.record();
      const http = async () => {
        const start = process.hrtime.bigint();
        const response = await getBody(`${base}${benchCase.path}`, headers);
        if (response.status !== 200) throw new Error(`${benchCase.path} answered ${response.status}`);
        return ms(start);
      };
      const sql = async () => {
        const start = process.hrtime.bigint();
        await replayInSteps(pool, calls);
        return ms(start);
      };
      for (let i = 0; i < WARMUP; i++) {
        await http();
        await sql();
      }
      const times = { http: [] as number[], sql: [] as number[] };
      for (let i = 0; i < ITERATIONS; i++) {
        times.http.push(await http());
        times.sql.push(await sql());
      }
      const row = [percentile(times.http, 50), percentile(times.http, 95), percentile(times.sql, 50), percentile(times.sql, 95)];
      results.push(`| ${benchCase.name} | ${row.map(fixed).join(' | ')} | ${(row[0] / row[2]).toFixed(2)} |`);
      console.log(results[results.length - 1]);
      explains.push(`### ${benchCase.name}\n\n\`GET /api${decodeURIComponent(benchCase.path)}\`\n`);
      for (const call of calls) {
        const plan = await replay(pool, call, 'EXPLAIN (ANALYZE, BUFFERS) ');
        explains.push(
          ...(call.setup ?? []).map((statement) => `\`${statement}\``),
          '```sql',
          call.sql.replace(/^\s*\n/, '').replace(/\s+$/, ''),
          '```',
          `params: \`${JSON.stringify(call.params)}\``,
          '```',
          ...plan.rows.map((r) => String(r['QUERY PLAN'])),
          '```\n',
        );
      }
    }

    const exportLines: string[] = [];
    if (!SKIP_EXPORT) {
      const exportQuery = new StatementExportQuery({}, null);
      const languages = (await pool.query(exportQuery.languages().sql, exportQuery.languages().params)).rows.map((r) => r.lang as string);
      const csv = exportQuery.csv(languages);
      const counter = () => {
        let bytes = 0;
        return {
          sink: new Writable({
            write(chunk: Buffer, _encoding, done) {
              bytes += chunk.length;
              done();
            },
          }),
          bytes: () => bytes,
        };
      };
      const client = await pool.connect();
      let start = process.hrtime.bigint();
      const copied = counter();
      await pipeline(client.query(copyTo(`COPY (${inline(csv.sql, csv.params)}) TO STDOUT WITH (FORMAT csv, HEADER)`)), copied.sink);
      const copySeconds = ms(start) / 1000;
      client.release();
      const pid = server.pid!;
      let peakDuringExport = 0;
      const sampler = setInterval(() => (peakDuringExport = Math.max(peakDuringExport, memoryOf(pid).rss)), 100);
      const before = memoryOf(pid);
      start = process.hrtime.bigint();
      const response = await fetch(`${base}/statements/export.csv`, { headers });
      let bytes = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
      const exportSeconds = ms(start) / 1000;
      clearInterval(sampler);
      const after = memoryOf(pid);
      const copyRate = statements / copySeconds;
      const exportRate = statements / exportSeconds;
      exportLines.push(
        '| measure | rows | seconds | rows/s | MB |',
        '| --- | ---: | ---: | ---: | ---: |',
        `| \`COPY (same query) TO STDOUT (FORMAT csv)\` | ${statements} | ${copySeconds.toFixed(1)} | ${copyRate.toFixed(0)} | ${(copied.bytes() / 1e6).toFixed(0)} |`,
        `| \`GET /api/statements/export.csv\` | ${statements} | ${exportSeconds.toFixed(1)} | ${exportRate.toFixed(0)} | ${(bytes / 1e6).toFixed(0)} |`,
        '',
        `Export rows/s ÷ COPY rows/s: **${(exportRate / copyRate).toFixed(2)}**. Server RSS before the export ${before.rss.toFixed(0)} MB, ` +
          `highest sampled during it ${peakDuringExport.toFixed(0)} MB, peak over the server's life (VmHWM) ${after.peak.toFixed(0)} MB.`,
      );
      console.log(exportLines.join('\n'));
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${csv.sql}`, csv.params);
      explains.push(
        '### CSV export of every statement\n\n`GET /api/statements/export.csv`\n',
        '```sql',
        csv.sql.replace(/^\s*\n/, '').replace(/\s+$/, ''),
        '```',
        `params: \`${JSON.stringify(csv.params)}\``,
        '```',
        ...plan.rows.map((r) => String(r['QUERY PLAN'])),
        '```\n',
      );
    }

    const memory = memoryOf(server.pid!);
    report.push(
      `# Benchmark run ${new Date().toISOString()}`,
      '',
      `${statements.toLocaleString('en')} live statements; busiest top-level actor: ${rootName} (\`${root}\`). ` +
        `${ITERATIONS} timed iterations per route after ${WARMUP} warm-up, one client, HTTP and SQL interleaved. ` +
        `${cpus().length} CPUs, load average at the end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')}. Server RSS now ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB. Times in ms.`,
      '',
      ...results,
      '',
      ...exportLines,
      '',
      '## EXPLAIN (ANALYZE, BUFFERS)',
      '',
      ...explains,
    );
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/results.md', report.join('\n'));
    console.log('written: bench/out/results.md');
  } finally {
    agent.destroy();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await pool.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
