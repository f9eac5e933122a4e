import { resolve } from 'node:path';
import { startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set (its data is replaced by `generate`); otherwise an embedded cluster in `bench/.data/`. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { url, stop: async () => undefined };
  return startEmbeddedPostgres(resolve(process.env.BENCH_DATA_DIR ?? 'bench/.data'), { fast: true });
}

/** `--name value` from the command line, else the fallback. */
export function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}
