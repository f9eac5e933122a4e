import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

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
  /** Login attempts allowed per minute for one email from one IP address; more answer 429. */
  loginRateLimit: number;
  corsOrigins: string[];
  /** Serve the built admin UI from this folder (when it exists). */
  adminDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  seedOnStart: boolean;
  databasePool: DatabasePoolConfig;
  extraction: ExtractionLimits;
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
  const databasePool: DatabasePoolConfig = {
    size: positiveInteger(env, 'DB_POOL_SIZE', 10, problems),
    connectTimeoutMs: positiveInteger(env, 'DB_CONNECT_TIMEOUT_MS', 5000, problems),
    queueTimeoutMs: positiveInteger(env, 'DB_POOL_QUEUE_TIMEOUT_MS', 30_000, problems),
  };
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
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    adminDir: resolve(env.ADMIN_DIR || resolve(__dirname, '../../../../admin')),
    logLevel,
    seedOnStart: env.SEED_ON_START !== 'false',
    databasePool,
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
