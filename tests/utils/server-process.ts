import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built server as `npm start` runs it. */
export const MAIN = join(__dirname, '../../dist/apps/api/src/main.js');

export interface RunningServer {
  process: ChildProcess;
  port: number;
  base: string;
  output: () => string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Where and how the server process starts: another checkout (`main`, `cwd`), another user. */
export interface ServerOptions {
  main?: string;
  cwd?: string;
  as?: { uid: number; gid: number };
}

/**
 * The server's environment: this one's, with `env` on top; a variable set to undefined is left out
 * (`DATA_DIR: undefined` leaves the default, `./.data` in `cwd`).
 */
export function serverEnv(dataDir: string | undefined, port: number, env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'log', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/** Starts dist/…/main.js on `dataDir` (embedded PostgreSQL) and waits until health answers 200. */
export async function startServer(
  dataDir: string | undefined,
  env: Record<string, string | undefined> = {},
  as: { uid: number; gid: number } | undefined = undefined,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [options.main ?? MAIN], {
    env: serverEnv(dataDir, port, env),
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(as ?? options.as),
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return { process: child, port, base, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy in 60 s:\n${output}`);
}

/** Runs the server expecting it to fail at start: its exit code and everything it printed. */
export async function failedStart(
  dataDir: string | undefined,
  env: Record<string, string | undefined>,
  port?: number,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: serverEnv(dataDir, port ?? (await freePort()), env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const code = await exited(child);
  return { code, output };
}

/** Resolves with the exit code (null when a signal ended it), also for a process already gone. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The URL of the embedded cluster running on `dataDir` (from its lock file and generated credentials). */
export function embeddedUrl(dataDir: string): string {
  const [, , , port] = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const { user, password } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { user: string; password: string };
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port.trim()}/stance`;
}

export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}
