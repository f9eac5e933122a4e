import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../../../seeds/seed';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveDatabase } from './database/database';
import { announceFirstAdmin } from './users/first-admin';

async function main(): Promise<void> {
  const logger = new Logger('Stance');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const database = await resolveDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    // Requests in flight get SHUTDOWN_GRACE_MS to finish; then the process stops regardless.
    const grace = new Promise((resolve) => setTimeout(resolve, Number(process.env.SHUTDOWN_GRACE_MS ?? 15_000)).unref());
    try {
      await Promise.race([app?.close(), grace]);
    } finally {
      await database.stop();
      process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  try {
    app = await createApp(config, database.url);
    await app.init();
    await announceFirstAdmin(app, config);
    if (config.seedOnStart) {
      const result = await seedDatabase(app.get(DataSource), { onlyIfEmpty: true });
      if (result.seeded) logger.log(`empty database seeded: ${JSON.stringify(result.inserted)}`);
    }
    await app.listen(config.port);
    logger.log(`Stance listening on http://localhost:${config.port} (admin at /, API at /api, docs at /api/docs)`);
  } catch (error) {
    logger.error((error as Error).stack ?? String(error));
    await app?.close().catch(() => undefined);
    await database.stop();
    process.exit(1);
  }
}

void main();
