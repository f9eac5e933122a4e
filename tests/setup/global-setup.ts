import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { TEMPLATE_DATABASE, withDatabase } from '../utils/test-database';

/**
 * PostgreSQL for the whole run: DATABASE_URL's server when set, else an embedded one in a temp
 * folder. Migrations run once, into a template database that every suite clones (fast and isolated).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'stance-test-'));
    const db = await startEmbeddedPostgres(dir, { fast: true });
    (globalThis as Record<string, unknown>).__STANCE_TEST_DB__ = db;
    serverUrl = db.url;
  }
  process.env.STANCE_TEST_SERVER_URL = serverUrl;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const dataSource = new DataSource({ type: 'postgres', url: withDatabase(serverUrl, TEMPLATE_DATABASE), migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
