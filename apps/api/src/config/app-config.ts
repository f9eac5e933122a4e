import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_TOTALS_EXACT_UP_TO } from '../common/list-query';

/** Everything the API reads from the environment, validated once at start. */
export interface AppConfig {
  port: number;
  /** External PostgreSQL; when absent, an embedded cluster is started in `dataDir`. */
  databaseUrl?: string;
  /** Streaming replicas of the database (`DATABASE_READ_URL`, comma-separated) for reads and exports. */
  databaseReadUrls: string[];
  dataDir: string;
  adminEmail: string;
  adminPassword?: string;
  /** Token signing key; when absent, one is generated once and kept in the database. */
  jwtSecret?: string;
  /** Token lifetime, as jsonwebtoken reads it: seconds (`3600`) or a duration (`12h`, `30m`, `7d`). */
  jwtExpiresIn: string | number;
  /** Failed sign-ins allowed per minute for one email from one IP address; more answer 429. */
  loginRateLimit: number;
  /** Failed sign-ins allowed per minute from one IP address, whatever the emails (password spraying); more answer 429. */
  loginIpRateLimit: number;
  corsOrigins: string[];
  /**
   * `TRUST_PROXY`, Express's `trust proxy`: the number of proxies in front, or the addresses and
   * subnets trusted (`loopback`, `10.0.0.0/8`); unset, the client address is the TCP peer's.
   */
  trustProxy?: number | string;
  /** Serve the built admin UI from this folder (when it exists). */
  adminDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  seedOnStart: boolean;
  databasePool: DatabasePoolConfig;
  databaseTimeouts: DatabaseTimeouts;
  importLimits: ImportLimits;
  limits: LoadLimitsConfig;
  /** `TOTALS_EXACT_UP_TO`: lists count matches exactly up to this many, and report a lower bound beyond. */
  totalsExactUpTo: number;
  extraction: ExtractionLimits;
}

/** At most `total` running at once, at most `perUser` of them for one user. */
export interface ConcurrencyLimit {
  total: number;
  perUser: number;
}

/** Work that holds a database connection for long (common/load-limits.ts). */
export interface LoadLimitsConfig {
  /** `EXPORT_CONCURRENCY`, `EXPORT_CONCURRENCY_PER_USER`: streamed exports (each holds a connection while it streams). */
  exports: ConcurrencyLimit;
  /** `SEARCH_CONCURRENCY`, `SEARCH_CONCURRENCY_PER_USER`: statement and position lists filtered by `q`. */
  searches: ConcurrencyLimit;
  /** `EXPORT_STALL_TIMEOUT_MS`: an export whose client accepts no data for this long is cut off, and its connection freed. */
  exportStallTimeoutMs: number;
}

/** How article extraction, CPU-heavy, shares the machine: worker threads, and how many requests may wait. */
export interface ExtractionLimits {
  /** `EXTRACT_WORKERS`: worker threads that run extractions (default: CPUs − 1, at least 1, at most 4). */
  workers: number;
  /** `EXTRACT_MAX_PENDING`: extractions running or queued at once, over all users; beyond, 503. */
  maxPending: number;
  /** `EXTRACT_MAX_PER_USER`: extractions one user may have running or queued; beyond, 429. */
  maxPerUser: number;
}

/** The pg pool of the primary (and of each replica). */
export interface DatabasePoolConfig {
  /** `DB_POOL_SIZE`: connections per pool. */
  size: number;
  /** `DB_CONNECT_TIMEOUT_MS`: how long opening a connection may take; then the request answers 503 "database unavailable". */
  connectTimeoutMs: number;
  /** `DB_POOL_QUEUE_TIMEOUT_MS`: how long a request may wait for a free connection; then it answers 503 "server busy". */
  queueTimeoutMs: number;
}

/** Limits PostgreSQL enforces on the API's own connections (not on the CLI's: migrate and seed may run long). */
export interface DatabaseTimeouts {
  /** `DB_STATEMENT_TIMEOUT_MS`: PostgreSQL's `statement_timeout` for request work; a longer query is cancelled (503). */
  statementTimeoutMs: number;
  /** `DB_IDLE_IN_TRANSACTION_TIMEOUT_MS`: PostgreSQL ends a session left idle inside a transaction this long. */
  idleInTransactionTimeoutMs: number;
}

/** What one CSV import (statements, actors, topics, sources) may hold; checked while the body streams in. */
export interface ImportLimits {
  /** `IMPORT_MAX_BYTES`: bytes of the CSV file. */
  maxBytes: number;
  /** `IMPORT_MAX_ROWS`: data rows (records after the header). */
  maxRows: number;
  /** `IMPORT_MAX_RECORD_BYTES`: bytes of one record (a CSV row, all its cells together), so of any one cell too. */
  maxRecordBytes: number;
  /** `IMPORT_STATEMENT_TIMEOUT_MS`: `statement_timeout` inside an import's transaction, which writes thousands of rows at a time. */
  statementTimeoutMs: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const databaseReadUrls = (env.DATABASE_READ_URL ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of databaseReadUrls) {
    if (!/^postgres(ql)?:\/\//.test(url)) problems.push('DATABASE_READ_URL must list postgres:// or postgresql:// URLs');
  }
  const adminEmail = env.ADMIN_EMAIL?.trim() || 'admin@localhost';
  if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail)) problems.push(`ADMIN_EMAIL is not an email address: "${adminEmail}"`);
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) problems.push('ADMIN_PASSWORD must have at least 8 characters');
  const logLevel = (env.LOG_LEVEL ?? 'log') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must have at least 32 characters');
  const jwtExpiresIn = parseDuration(env.JWT_EXPIRES_IN || '12h');
  if (jwtExpiresIn === undefined)
    problems.push(`JWT_EXPIRES_IN must be seconds or a duration such as 12h, 30m or 7d, got "${env.JWT_EXPIRES_IN}"`);
  const loginRateLimit = Number(env.LOGIN_RATE_LIMIT ?? 10);
  if (!Number.isInteger(loginRateLimit) || loginRateLimit < 1) {
    problems.push(`LOGIN_RATE_LIMIT must be a positive integer (attempts per minute), got "${env.LOGIN_RATE_LIMIT}"`);
  }
  const loginIpRateLimit = Number(env.LOGIN_IP_RATE_LIMIT ?? 30);
  if (!Number.isInteger(loginIpRateLimit) || loginIpRateLimit < 1) {
    problems.push(`LOGIN_IP_RATE_LIMIT must be a positive integer (failed attempts per minute), got "${env.LOGIN_IP_RATE_LIMIT}"`);
  }
  const trustProxyText = env.TRUST_PROXY?.trim() || undefined;
  const trustProxy = trustProxyText && /^\d+$/.test(trustProxyText) ? Number(trustProxyText) : trustProxyText;
  if (trustProxy === 'true' || trustProxy === 'false') {
    problems.push('TRUST_PROXY must be the number of proxies in front or the addresses trusted, not true or false');
  }
  const databasePool: DatabasePoolConfig = {
    size: positiveInteger(env, 'DB_POOL_SIZE', 10, problems),
    connectTimeoutMs: positiveInteger(env, 'DB_CONNECT_TIMEOUT_MS', 5000, problems),
    queueTimeoutMs: positiveInteger(env, 'DB_POOL_QUEUE_TIMEOUT_MS', 30_000, problems),
  };
  const databaseTimeouts: DatabaseTimeouts = {
    statementTimeoutMs: positiveInteger(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, problems),
    idleInTransactionTimeoutMs: positiveInteger(env, 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, problems),
  };
  const importLimits: ImportLimits = {
    maxBytes: positiveInteger(env, 'IMPORT_MAX_BYTES', 64 * 1024 * 1024, problems),
    maxRows: positiveInteger(env, 'IMPORT_MAX_ROWS', 100_000, problems),
    maxRecordBytes: positiveInteger(env, 'IMPORT_MAX_RECORD_BYTES', 2 * 1024 * 1024, problems),
    statementTimeoutMs: positiveInteger(env, 'IMPORT_STATEMENT_TIMEOUT_MS', 300_000, problems),
  };
  const limits: LoadLimitsConfig = {
    exports: {
      total: positiveInteger(env, 'EXPORT_CONCURRENCY', 2, problems),
      perUser: positiveInteger(env, 'EXPORT_CONCURRENCY_PER_USER', 1, problems),
    },
    searches: {
      total: positiveInteger(env, 'SEARCH_CONCURRENCY', 3, problems),
      perUser: positiveInteger(env, 'SEARCH_CONCURRENCY_PER_USER', 2, problems),
    },
    exportStallTimeoutMs: positiveInteger(env, 'EXPORT_STALL_TIMEOUT_MS', 30_000, problems),
  };
  const totalsExactUpTo = positiveInteger(env, 'TOTALS_EXACT_UP_TO', DEFAULT_TOTALS_EXACT_UP_TO, problems);
  const extraction: ExtractionLimits = {
    workers: positiveInteger(env, 'EXTRACT_WORKERS', Math.min(4, Math.max(1, availableParallelism() - 1)), problems),
    maxPending: positiveInteger(env, 'EXTRACT_MAX_PENDING', 8, problems),
    maxPerUser: positiveInteger(env, 'EXTRACT_MAX_PER_USER', 2, problems),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return {
    port,
    databaseUrl,
    databaseReadUrls,
    dataDir: resolve(env.DATA_DIR || '.data'),
    adminEmail,
    adminPassword,
    jwtSecret,
    jwtExpiresIn: jwtExpiresIn!,
    loginRateLimit,
    loginIpRateLimit,
    trustProxy,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    adminDir: resolve(env.ADMIN_DIR || resolve(__dirname, '../../../../admin')),
    logLevel,
    seedOnStart: env.SEED_ON_START !== 'false',
    databasePool,
    databaseTimeouts,
    importLimits,
    limits,
    totalsExactUpTo,
    extraction,
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  const value = Number(env[name] ?? fallback);
  if (Number.isInteger(value) && value >= 1) return value;
  problems.push(`${name} must be a positive integer, got "${env[name]}"`);
  return fallback;
}

function parseDuration(value: string): string | number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) > 0 ? Number(text) : undefined;
  return /^\d+(\.\d+)?\s*(ms|s|m|h|d|w|y)$/i.test(text) && parseFloat(text) > 0 ? text : undefined;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
