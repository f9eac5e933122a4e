import '../register-paths';
import '../../apps/api/src/database/data-source'; // the app's pg type parsers, so both servers send the same JSON
import { createServer } from 'node:http';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { contentRange, ListQuery, parseListQuery } from '../../apps/api/src/common/list-query';
import { StatementListFilter } from '../../apps/api/src/statements/dto/statement.dto';
import { STATEMENT_LIST } from '../../apps/api/src/statements/statements.controller';
import { StatementsService } from '../../apps/api/src/statements/statements.service';

/**
 * The floor for a Node service on this machine: `GET /api/statements` answered by `node:http` and a
 * `pg` pool of the same size as the API's, sending exactly the SQL the API sends, because it is the
 * API's own `StatementsService.list` composing it (its queries go straight to `pool.query`, so any
 * change to the list's SQL, caches included, is measured on both sides). The query string is parsed
 * once per distinct URL; no auth, no validation, no framework, no ETag: `JSON.stringify` of the page.
 * A child of `run.ts`; sends `{port}` when ready.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

/** Just enough of a TypeORM DataSource for the list's reads: every query straight to the pool. */
const query = async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows;
const dataSource = {
  query,
  manager: { query },
  createQueryRunner: () => ({ query, connect: async () => undefined, release: async () => undefined }),
  driver: { isReplicated: false, slaves: [], master: pool },
} as unknown as DataSource;
const service = new StatementsService(dataSource, new AuditService(dataSource));
const parsed = new Map<string, ListQuery<StatementListFilter>>();

const server = createServer((request, response) => {
  const [path, search = ''] = (request.url ?? '').split('?', 2);
  if (request.method !== 'GET' || path !== '/api/statements') {
    response.writeHead(404).end();
    return;
  }
  let list = parsed.get(search);
  if (!list) parsed.set(search, (list = parseListQuery(Object.fromEntries(new URLSearchParams(search)), STATEMENT_LIST)));
  service
    .list(list)
    .then((page) => {
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Range': contentRange('statements', page) });
      response.end(JSON.stringify(page.rows));
    })
    .catch((error: Error) => response.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message));
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
