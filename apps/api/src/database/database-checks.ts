import { Client } from 'pg';
import { isAsciiOnlyCtype } from './cluster-locale';
import { describeUrl } from './database-url';
import { describeConnectionError, StartupError } from './startup-error';

export interface DatabaseCheck {
  ok: boolean;
  /** What was found; when not ok, the consequence and the fix. */
  detail: string;
}

/** What `GET /api/health` reports under `checks` for an external database. */
export interface DatabaseChecks {
  serverVersion: DatabaseCheck;
  extensions: DatabaseCheck;
  arabicSearch: DatabaseCheck;
}

export const DATABASE_CHECKS = Symbol('DATABASE_CHECKS');

const MIN_VERSION = 150000;
const TEXT_SEARCH_CONFIGS = ['arabic', 'armenian', 'english', 'russian', 'turkish'];
const ARABIC_PROBE = 'قال الرئيس';

/**
 * Connects to `url` and checks what the schema and the search need: PostgreSQL 15+, the pg_trgm
 * extension (available, or creatable by this role) and the text search configurations, and a
 * character type under which pg_trgm sees Arabic letters (probed with `show_trgm`, inside a
 * transaction that is rolled back, so nothing is left behind). A database that cannot be reached or
 * refuses the credentials stops the start with one line.
 */
export async function checkDatabase(url: string, connectTimeoutMs: number): Promise<DatabaseChecks> {
  const where = describeUrl(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const described = describeConnectionError(error, where);
    throw described ? new StartupError(described) : error;
  }
  try {
    const { rows } = await client.query<{ version: string; number: string; ctype: string; encoding: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS number,
              datctype AS ctype, pg_encoding_to_char(encoding) AS encoding
         FROM pg_database WHERE datname = current_database()`,
    );
    const { version, number, ctype, encoding } = rows[0];
    const serverVersion: DatabaseCheck =
      Number(number) >= MIN_VERSION
        ? { ok: true, detail: `PostgreSQL ${version}` }
        : {
            ok: false,
            detail: `PostgreSQL ${version} at ${where} is older than 15: migrations and queries may fail; upgrade the server to 15 or later`,
          };

    await client.query('BEGIN');
    try {
      const extensions = await checkExtensions(client, where);
      const arabicSearch = await checkArabic(client, where, ctype, encoding, extensions.ok);
      return { serverVersion, extensions, arabicSearch };
    } finally {
      await client.query('ROLLBACK');
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkExtensions(client: Client, where: string): Promise<DatabaseCheck> {
  const configs = await client.query<{ name: string }>(`SELECT cfgname AS name FROM pg_ts_config WHERE cfgname = ANY($1)`, [
    TEXT_SEARCH_CONFIGS,
  ]);
  const missingConfigs = TEXT_SEARCH_CONFIGS.filter((name) => !configs.rows.some((row) => row.name === name));
  const missing = missingConfigs.length
    ? `; text search configurations ${missingConfigs.join(', ')} are missing: search in those languages falls back to unstemmed words (upgrade PostgreSQL)`
    : '';
  const available = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
  if (!available.rowCount) {
    return {
      ok: false,
      detail: `pg_trgm is not installed on the server at ${where}: the migrations cannot create it and the API will not start; install PostgreSQL's contrib package (e.g. postgresql-contrib)${missing}`,
    };
  }
  await client.query('SAVEPOINT extension');
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT extension');
    return {
      ok: false,
      detail: `this role may not create the extension pg_trgm in ${where} (${(error as Error).message}): the migrations will fail; run CREATE EXTENSION pg_trgm there as a superuser, or grant CREATE on the database${missing}`,
    };
  }
  return { ok: !missingConfigs.length, detail: `pg_trgm available${missing}` };
}

async function checkArabic(client: Client, where: string, ctype: string, encoding: string, probe: boolean): Promise<DatabaseCheck> {
  const fix =
    `create a database with CREATE DATABASE stance TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8', ` +
    `move the data there (pg_dump, pg_restore) and point DATABASE_URL at it`;
  if (encoding !== 'UTF8') {
    return {
      ok: false,
      detail: `database at ${where} has encoding ${encoding}: Arabic and other non-Latin text cannot be stored as sent; ${fix}`,
    };
  }
  const sees = probe
    ? (await client.query<{ n: number }>(`SELECT coalesce(array_length(show_trgm($1), 1), 0) AS n`, [ARABIC_PROBE])).rows[0].n > 0
    : !isAsciiOnlyCtype(ctype);
  return sees
    ? { ok: true, detail: `LC_CTYPE ${ctype}: Arabic letters are letters to pg_trgm` }
    : {
        ok: false,
        detail: `database at ${where} has LC_CTYPE ${ctype}, under which pg_trgm sees no Arabic letter: near-duplicates and 1–2 letter searches never match Arabic text; ${fix}`,
      };
}
