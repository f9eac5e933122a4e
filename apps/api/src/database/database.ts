import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { checkDatabase, DatabaseChecks } from './database-checks';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** What was found wrong or right with an external database (`DATABASE_URL`); the embedded one is made right. */
  checks?: DatabaseChecks;
  /** Stops the embedded cluster; a no-op for an external server. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set, checked (reachable, version, extensions, character type; what cannot work
 * stops the start with one line, what works worse is a warning); otherwise an embedded PostgreSQL in `DATA_DIR`.
 */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    const logger = new Logger('Database');
    const checks = await checkDatabase(config.databaseUrl, config.databasePool.connectTimeoutMs);
    for (const check of Object.values(checks)) if (!check.ok) logger.warn(check.detail);
    return { url: config.databaseUrl, checks, stop: async () => undefined };
  }
  const logger = new Logger('EmbeddedPostgres');
  logger.log(`starting embedded PostgreSQL in ${config.dataDir}`);
  return startEmbeddedPostgres(config.dataDir, {
    log: (line) => (/(ERROR|FATAL|PANIC)/.test(line) ? logger.warn(line) : undefined),
    report: (level, line) => (level === 'warn' ? logger.warn(line) : logger.log(line)),
  });
}
