import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../../seeds/seed';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real API on its own migrated database, served in-process for supertest. */
export async function createTestApp(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'error',
    ADMIN_PASSWORD: 'admin-password',
    CORS_ORIGINS: 'http://allowed.example',
    ...options.env,
  });
  const app = await createApp(config, db.url);
  await app.init();
  const dataSource = app.get(DataSource);
  if (options.seed) await seedDatabase(dataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    dataSource,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
