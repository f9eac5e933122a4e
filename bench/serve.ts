import './register-paths';
import { createApp } from '../apps/api/src/bootstrap';
import { loadConfig } from '../apps/api/src/config/app-config';

/**
 * The real API (the same `createApp()` as `main.ts`) on the benchmark database, as a child of
 * `run.ts` so that its memory is measured on its own. Prints `listening <port>` when ready.
 */
async function serve(): Promise<void> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', SEED_ON_START: 'false' });
  const app = await createApp(config, process.env.DATABASE_URL!);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send?.({ port: address.port });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

serve().catch((error) => {
  console.error(error);
  process.exit(1);
});
