import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDatabase } from '../../../seeds/seed';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveDatabase, ResolvedDatabase } from './database/database';
import { StartupError } from './database/startup-error';
import { announceFirstAdmin } from './users/first-admin';

const logger = new Logger('Stance');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  let database: ResolvedDatabase | undefined;
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
      await database?.stop();
      process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  try {
    await portIsFree(config.port);
    database = await resolveDatabase(config);
    app = await createApp(config, database.url, database.checks);
    await app.init();
    await announceFirstAdmin(app, config);
    if (config.seedOnStart) {
      const result = await seedDatabase(app.get(DataSource), { onlyIfEmpty: true });
      if (result.seeded) logger.log(`empty database seeded: ${JSON.stringify(result.inserted)}`);
    }
    await app.listen(config.port).catch((error: unknown) => {
      throw portError(error, config.port) ?? error;
    });
    logger.log(`Stance listening on http://localhost:${config.port} (admin at /, API at /api, docs at /api/docs)`);
  } catch (error) {
    // An environment problem is one line saying what to fix; anything else is a bug, with its stack.
    logger.error(error instanceof StartupError ? error.message : ((error as Error).stack ?? String(error)));
    await app?.close().catch(() => undefined);
    await database?.stop().catch(() => undefined);
    process.exit(1);
  }
}

/** Fails before PostgreSQL is started and migrated when the port is taken (listening again at the end settles any race). */
function portIsFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => reject(portError(error, port) ?? error));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function portError(error: unknown, port: number): StartupError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new StartupError(`port ${port} is already in use by another process: stop that process, or set PORT to a free port`);
  if (code === 'EACCES') return new StartupError(`port ${port} may only be opened by root on this machine: set PORT to 1024 or above`);
  return undefined;
}

void main();
