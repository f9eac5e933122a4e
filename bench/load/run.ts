import '../register-paths';
import '../../apps/api/src/database/data-source'; // the app's pg type parsers
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { parseListQuery } from '../../apps/api/src/common/list-query';
import { STATEMENT_LIST } from '../../apps/api/src/statements/statements.controller';
import { StatementsService } from '../../apps/api/src/statements/statements.service';
import { openBenchDatabase, option } from '../bench-database';
import { Recorded, recordingDataSource, replay } from '../recorded-sql';
import { countLimit, ListSpec } from '../../apps/api/src/common/list-query';
import { POSITION_LIST, PositionFilter, PositionsQuery } from '../../apps/api/src/positions/positions.query';
import { apiPath, Fixtures, HOT_LIST, LIST_ONLY, loadFixtures, MIXED, MIXED_READS, workload } from './workload';

/**
 * Load on the real API (built, a child process, on the 1M-statement benchmark database), loopback only:
 *   npm run bench:load -- [--duration 20] [--levels 1,10,50,100] [--compare 10,50] [--lists hot,all,reads] [--warmup 5] [--editors 4] [--skip-mixed] [--profile]
 * 1. The mixed workload (workload.ts) at each level of concurrent connections.
 * 2. The list route alone, and every read of the mix (lists, searches, positions), on the API and on
 *    the bare node:http + pg handler (bare-server.ts) running the same SQL, same request sequence,
 *    alternated, at each comparison level.
 * 3. EXPLAIN (ANALYZE, BUFFERS) of a query of each read kind of the mix.
 * Writes bench/out/load.md and prints the tables.
 */

const DURATION = Number(option('duration', '20'));
const WARMUP = Number(option('warmup', '5'));
const LEVELS = option('levels', '1,10,50,100').split(',').filter(Boolean).map(Number);
const COMPARE = option('compare', '10,50').split(',').filter(Boolean).map(Number);
/** `hot`: the busiest subtrees over one year, pages 1–2; `all`: every list of the mixed workload; `reads`: every read of the mixed workload (lists, searches, positions). */
const LISTS = option('lists', 'hot,all,reads')
  .split(',')
  .filter((l): l is 'hot' | 'all' | 'reads' => l === 'hot' || l === 'all' || l === 'reads');
const EDITORS = Number(option('editors', '4'));
const SKIP_MIXED = process.argv.includes('--skip-mixed');
/** A V8 CPU profile of each server, written to bench/out/profile/ when it exits. */
const PROFILE = process.argv.includes('--profile') ? ['--cpu-prof', '--cpu-prof-dir=bench/out/profile'] : [];
const PASSWORD = 'load-bench-password';

/** Forks a server script that sends `{port}` when it listens. */
async function forkServer(script: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: 'inherit', execArgv });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** User + system CPU seconds a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

interface Measured {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, Record<number, number>>;
  kinds: Record<string, { n: number; p50: number; p95: number; p99: number }>;
  loadBefore: string;
  loadAfter: string;
  serverCpu: number;
}

/** One bounded autocannon run; latencies of every response (not only 2xx) collected per request kind. */
async function measure(
  url: string,
  pid: number,
  connections: number,
  seconds: number,
  make: () => ReturnType<typeof workload>,
): Promise<Measured> {
  const { requests, tally } = make();
  const times: Record<string, number[]> = {};
  const loadBefore = load();
  const cpuBefore = cpuSeconds(pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests, timeout: 30 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, time) => (times[tally.last] ??= []).push(time));
  });
  const all = Object.values(times)
    .flat()
    .sort((a, b) => a - b);
  const kinds = Object.fromEntries(
    Object.entries(times).map(([kind, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return [kind, { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }];
    }),
  );
  const elapsed = result.duration;
  return {
    connections,
    seconds: elapsed,
    requests: all.length,
    rps: all.length / elapsed,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses: tally.statuses,
    kinds,
    loadBefore,
    loadAfter: load(),
    serverCpu: (cpuSeconds(pid) - cpuBefore) / elapsed,
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const pool = new Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => undefined);
  const children: ChildProcess[] = [];
  const report: string[] = [];
  let editorIds: string[] = [];
  try {
    const fixtures: Fixtures = await loadFixtures(pool);
    if (!fixtures.roots.length) throw new Error('the benchmark database is empty: run `npm run bench:generate` first');
    const hash = await hashPassword(PASSWORD);
    const emails = ['load-analyst@localhost', ...Array.from({ length: EDITORS }, (_, i) => `load-editor-${i + 1}@localhost`)];
    const ids: string[] = [];
    for (const email of emails) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $1, $2, $3)
         ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, disabled = false
         RETURNING id`,
        [email, email.startsWith('load-analyst') ? 'analyst' : 'editor', hash],
      );
      ids.push(rows[0].id);
    }
    editorIds = ids.slice(1);

    const api = await forkServer(join(__dirname, '../serve.js'), { DATABASE_URL: database.url }, PROFILE);
    children.push(api.child);
    const bare = await forkServer(join(__dirname, 'bare-server.js'), { DATABASE_URL: database.url }, PROFILE);
    children.push(bare.child);
    const tokens: string[] = [];
    for (const email of emails) {
      const response = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
      tokens.push(((await response.json()) as { accessToken: string }).accessToken);
    }
    const roles = { analyst: tokens[0], editors: tokens.slice(1) };
    const pool_ = process.env.DB_POOL_SIZE ?? '10 (default)';
    console.log(`API ${api.url}, bare ${bare.url}; DB_POOL_SIZE ${pool_}; ${cpus().length} CPUs, load ${load()}`);

    report.push(
      `# Load run ${new Date().toISOString()}`,
      '',
      `${cpus().length} CPUs; autocannon, the API, the bare handler and PostgreSQL all on this machine (loopback). ` +
        `DB_POOL_SIZE ${pool_} on both servers. ${DURATION} s per level after a ${WARMUP} s warm-up; latencies of every response, in ms.`,
      '',
    );

    if (!SKIP_MIXED) {
      console.log('mixed workload: warm-up');
      await measure(api.url, api.child.pid!, 10, WARMUP, () => workload(fixtures, MIXED, roles, 1));
      const rows: string[] = [
        '| connections | req/s | p50 | p95 | p99 | non-2xx | errors (timeouts) | server CPU | load avg before → after |',
        '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ];
      const kindRows: string[] = [
        '| connections | kind | responses | p50 | p95 | p99 | statuses |',
        '| ---: | --- | ---: | ---: | ---: | ---: | --- |',
      ];
      for (const connections of LEVELS) {
        const m = await measure(api.url, api.child.pid!, connections, DURATION, () => workload(fixtures, MIXED, roles, 42 + connections));
        rows.push(
          `| ${connections} | ${m.rps.toFixed(1)} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${m.non2xx} | ${m.errors} (${m.timeouts}) | ` +
            `${(m.serverCpu * 100).toFixed(0)}% | ${m.loadBefore} → ${m.loadAfter} |`,
        );
        for (const [kind, k] of Object.entries(m.kinds)) {
          const statuses = Object.entries(m.statuses[kind] ?? {})
            .map(([status, n]) => `${status}×${n}`)
            .join(' ');
          kindRows.push(`| ${connections} | ${kind} | ${k.n} | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} | ${statuses} |`);
        }
        console.log(rows[rows.length - 1]);
      }
      report.push('## Mixed workload', '', ...rows, '', 'Per request kind:', '', ...kindRows, '');
    }

    const compareRows: string[] = [
      '| requests | connections | server | req/s | p50 | p95 | p99 | non-2xx | errors | server CPU | load avg before → after |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ];
    const ratioRows: string[] = [
      '| requests | connections | throughput API ÷ bare (target: lists ≥ 0.7, reads ≥ 0.8) | p99 API ÷ bare (target ≤ 1.5) |',
      '| --- | ---: | ---: | ---: |',
    ];
    const listWorkloads = { hot: HOT_LIST, all: LIST_ONLY, reads: MIXED_READS };
    for (const lists of COMPARE.length ? LISTS : []) {
      const only = (seed: number) => () => workload(fixtures, listWorkloads[lists], roles, seed);
      console.log(`${lists} lists: warm-up on both servers`);
      await measure(bare.url, bare.child.pid!, 10, WARMUP, only(7));
      await measure(api.url, api.child.pid!, 10, WARMUP, only(7));
      for (const [i, connections] of COMPARE.entries()) {
        // Same seed on both: the same sequence of URLs. The bare server goes first at one level, second at the next.
        const order = i % 2 ? (['api', 'bare'] as const) : (['bare', 'api'] as const);
        const results: Record<string, Measured> = {};
        for (const name of order) {
          const server = name === 'api' ? api : bare;
          const m = (results[name] = await measure(server.url, server.child.pid!, connections, DURATION, only(100 + connections)));
          compareRows.push(
            `| ${lists} | ${connections} | ${name === 'api' ? 'NestJS API' : 'bare node:http + pg'} | ${m.rps.toFixed(1)} | ${ms(m.p50)} | ` +
              `${ms(m.p95)} | ${ms(m.p99)} | ${m.non2xx} | ${m.errors} | ${(m.serverCpu * 100).toFixed(0)}% | ${m.loadBefore} → ${m.loadAfter} |`,
          );
          console.log(compareRows[compareRows.length - 1]);
        }
        ratioRows.push(
          `| ${lists} | ${connections} | ${(results.api.rps / results.bare.rps).toFixed(2)} | ${(results.api.p99 / results.bare.p99).toFixed(2)} |`,
        );
        console.log(ratioRows[ratioRows.length - 1]);
      }
    }
    if (COMPARE.length) report.push('## Reads: API and bare handler', '', ...compareRows, '', ...ratioRows, '');

    const explained: [string, string][] = [
      [
        'hot list: busiest subtree, one year, page 1',
        apiPath('statements', { filter: { actorId: fixtures.roots[0], saidFrom: '2023-01-01', saidTo: '2023-12-31' }, range: [0, 24] }),
      ],
      [
        'a narrower subtree, three years, page 4',
        apiPath('statements', { filter: { actorId: fixtures.actors[20], saidFrom: '2018-01-01', saidTo: '2020-12-31' }, range: [75, 99] }),
      ],
      [
        'subtree and topic, page 2',
        apiPath('statements', { filter: { actorId: fixtures.roots[1], topicId: fixtures.topics[0] }, range: [25, 49] }),
      ],
      ['search, newest first', apiPath('statements', { filter: { q: 'الهدنة' }, sort: ['saidOn', 'DESC'], range: [0, 24] })],
      ['search in a subtree, ranked', apiPath('statements', { filter: { q: 'ceasefire', actorId: fixtures.roots[0] }, range: [0, 24] })],
      [
        'positions: busiest subtree × topics (aggregates)',
        apiPath('positions', { filter: { actorId: fixtures.roots[0], targetType: 'topic' }, range: [0, 24] }),
      ],
      [
        'positions: busiest subtree × topics, 2023-01-15…2023-12-31',
        apiPath('positions', {
          filter: { actorId: fixtures.roots[0], targetType: 'topic', saidFrom: '2023-01-15', saidTo: '2023-12-31' },
          range: [0, 24],
        }),
      ],
      ...[
        { lang: 'ar' },
        { kind: 'paraphrase' },
        { tagId: fixtures.tags[0] },
        { sourceId: fixtures.sources[0] },
        { eventId: fixtures.events[0] },
      ].map((extra): [string, string] => [
        `positions: busiest subtree × topics, ${Object.keys(extra)[0]} (facts)`,
        apiPath('positions', { filter: { actorId: fixtures.roots[0], targetType: 'topic', ...extra }, range: [0, 24] }),
      ]),
    ];
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/load.md', report.join('\n'));
    report.push('## EXPLAIN (ANALYZE, BUFFERS) of the read queries of the mix', '');
    for (const [name, path] of explained) {
      const calls: Recorded[] = [];
      const params = Object.fromEntries(new URLSearchParams(path.split('?')[1]));
      const recorder = recordingDataSource(calls, pool);
      if (path.startsWith('/api/positions')) {
        const query = parseListQuery<PositionFilter>(params, POSITION_LIST as ListSpec);
        await new PositionsQuery(recorder).page(query.filter, query.sort, query.range, countLimit(query));
      } else {
        await new StatementsService(recorder, new AuditService(recorder)).list(parseListQuery(params, STATEMENT_LIST) as never);
      }
      report.push(`### ${name}`, '', `\`GET ${decodeURIComponent(path)}\``, '');
      for (const call of calls) {
        const plan = await replay(pool, call, 'EXPLAIN (ANALYZE, BUFFERS) ');
        report.push(
          '```sql',
          call.sql.trim(),
          '```',
          `params: \`${JSON.stringify(call.params)}\``,
          '```',
          ...plan.rows.map((r) => String(r['QUERY PLAN'])),
          '```',
          '',
        );
      }
    }
    writeFileSync('bench/out/load.md', report.join('\n'));
    console.log('written: bench/out/load.md');
  } finally {
    for (const child of children) await stop(child);
    // What the load wrote goes again, so that other benchmarks keep seeing the generated data set.
    if (editorIds.length) {
      const { rowCount } = await pool.query(`DELETE FROM statements WHERE created_by = ANY ($1)`, [editorIds]);
      await pool.query(`DELETE FROM audit WHERE user_id = ANY ($1)`, [editorIds]);
      console.log(`removed ${rowCount} statements written by the load`);
    }
    await pool.end();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
