import { Client } from 'pg';
import { TEMPLATE_DATABASE, withDatabase } from '../utils/test-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__STANCE_TEST_DB__ as { stop(): Promise<void> } | undefined;
  if (embedded) {
    await embedded.stop();
    return;
  }
  // On an external server, remove what this run created.
  const admin = new Client({ connectionString: withDatabase(process.env.STANCE_TEST_SERVER_URL!, 'postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'stance_test_%'`,
    [TEMPLATE_DATABASE],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
