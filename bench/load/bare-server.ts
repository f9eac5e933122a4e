import '../register-paths';
import '../../apps/api/src/database/data-source'; // the app's pg type parsers, so both servers send the same JSON
import { createServer } from 'node:http';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { contentRange, JsonRows, ListQuery, ListSpec, Page, parseListQuery } from '../../apps/api/src/common/list-query';
import { POSITION_LIST, PositionsQuery } from '../../apps/api/src/positions/positions.query';
import { PositionsService } from '../../apps/api/src/positions/positions.service';
import { STATEMENT_LIST } from '../../apps/api/src/statements/statements.controller';
import { StatementsService } from '../../apps/api/src/statements/statements.service';

/**
 * The floor for a Node service on this machine: the read routes of the load's mix, `GET
 * /api/statements` (lists and searches) and `GET /api/positions`, answered by `node:http` and a `pg`
 * pool of the same size as the API's, sending exactly the SQL the API sends, because it is the API's
 * own `StatementsService.list` and `PositionsService.list` composing it (their queries go straight to
 * the pool, a positions transaction on one pooled client, so any change to their SQL, caches
 * included, is measured on both sides). The query string is parsed once per distinct URL; no auth,
 * no validation, no framework, no ETag: `JSON.stringify` of the page. A child of `run.ts`; sends
 * `{port}` when ready.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

/** Just enough of a TypeORM DataSource for these reads: every query straight to the pool, a transaction on one client. */
const query = async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows;
const transaction = async <T>(work: (manager: { query: typeof query }) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
const dataSource = {
  query,
  transaction,
  manager: { query },
  createQueryRunner: () => ({ query, connect: async () => undefined, release: async () => undefined }),
  driver: { isReplicated: false, slaves: [], master: pool },
} as unknown as DataSource;
const statements = new StatementsService(dataSource, new AuditService(dataSource));
const positions = new PositionsService(new PositionsQuery(dataSource));
const routes: Record<string, { spec: ListSpec; list(query: ListQuery<never>): Promise<Page<unknown>> }> = {
  statements: { spec: STATEMENT_LIST, list: (q) => statements.list(q) },
  positions: { spec: POSITION_LIST, list: (q) => positions.list(q) },
};
const parsed = new Map<string, ListQuery<never>>();

const server = createServer((request, response) => {
  const [path, search = ''] = (request.url ?? '').split('?', 2);
  const resource = path.startsWith('/api/') ? path.slice(5) : '';
  const route = Object.prototype.hasOwnProperty.call(routes, resource) ? routes[resource] : undefined;
  if (request.method !== 'GET' || !route) {
    response.writeHead(404).end();
    return;
  }
  let list = parsed.get(request.url!);
  if (!list) parsed.set(request.url!, (list = parseListQuery<never>(Object.fromEntries(new URLSearchParams(search)), route.spec)));
  route
    .list(list)
    .then((page) => {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Range': contentRange(resource, page),
      };
      if (page.totalIsLowerBound) headers['X-Total-Is-Lower-Bound'] = 'true';
      response.writeHead(200, headers);
      response.end(page.rows instanceof JsonRows ? page.rows.json : JSON.stringify(page.rows));
    })
    .catch((error: Error) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message));
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
