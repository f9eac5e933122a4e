import '../register-paths';
import '../../apps/api/src/database/data-source'; // the app's pg type parsers, so both servers send the same JSON
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { contentRange, parseListQuery } from '../../apps/api/src/common/list-query';
import { STATEMENT_LIST } from '../../apps/api/src/statements/statements.controller';
import { StatementsService } from '../../apps/api/src/statements/statements.service';
import { Recorded, recordingDataSource, replay } from '../recorded-sql';

/**
 * The floor for a Node service on this machine: `GET /api/statements` answered by `node:http` and a
 * `pg` pool of the same size as the API's, running exactly the SQL the API's `StatementsService.list`
 * sends for that query string (recorded once per distinct URL through the service itself, so it
 * cannot drift), then `JSON.stringify` of the page rows. No auth, no validation, no framework.
 * A child of `run.ts`; sends `{port}` when ready.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
const recorded = new Map<string, { calls: Recorded[]; start: number }>();

async function sqlFor(search: string): Promise<{ calls: Recorded[]; start: number }> {
  let entry = recorded.get(search);
  if (!entry) {
    const calls: Recorded[] = [];
    const query = parseListQuery(Object.fromEntries(new URLSearchParams(search)), STATEMENT_LIST);
    const service = new StatementsService(recordingDataSource(calls), new AuditService(recordingDataSource(calls)));
    await service.list(query as never);
    entry = { calls, start: query.range.start };
    recorded.set(search, entry);
  }
  return entry;
}

const server = createServer((request, response) => {
  const [path, search = ''] = (request.url ?? '').split('?', 2);
  if (request.method !== 'GET' || path !== '/api/statements') {
    response.writeHead(404).end();
    return;
  }
  sqlFor(search)
    .then(async ({ calls, start }) => {
      const [page, count] = await Promise.all(calls.map((call) => replay(pool, call)));
      const rows = page.rows;
      response.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Range': contentRange('statements', { rows, total: count ? Number(count.rows[0].total) : null, start }),
      });
      response.end(JSON.stringify(rows));
    })
    .catch((error: Error) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message);
    });
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
