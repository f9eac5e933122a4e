import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded cluster; a no-op for an external server. */
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise an embedded PostgreSQL in `DATA_DIR`. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined };
  const logger = new Logger('EmbeddedPostgres');
  logger.log(`starting embedded PostgreSQL in ${config.dataDir}`);
  return startEmbeddedPostgres(config.dataDir, {
    log: (line) => (/(ERROR|FATAL|PANIC|stale|left running)/.test(line) ? logger.warn(line) : undefined),
  });
}
