import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { withDatabaseName } from './database-url';

/**
 * The character types a cluster is created with, best first: C.UTF-8 is on every current Linux
 * (glibc ≥ 2.35 ships it, Debian and Alpine always had it) and classifies letters of every script.
 */
export const UTF8_CTYPES = ['C.UTF-8', 'en_US.UTF-8'];

/** A character type under which pg_trgm and the text search parser see only ASCII letters. */
export const isAsciiOnlyCtype = (ctype: string) => /^(C|POSIX)$/i.test(ctype);

/**
 * Earlier versions created the embedded cluster in the caller's locale, `C` under LANG=C or without
 * LANG, where pg_trgm sees no Arabic letter (near-duplicates and short searches never match). The
 * database's character type is switched to UTF-8 in place, and what was computed under the old one
 * is computed again: the stored generated columns (search documents, normalised names) and every
 * index. Sorting stays `C`, so no ordering changes. A marker file makes an interrupted upgrade
 * resume at the next start.
 */
export async function upgradeLegacyLocale(
  adminUrl: string,
  database: string,
  marker: string,
  report: (level: 'log' | 'warn', line: string) => void,
): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  let ctype: string;
  try {
    ctype = (await admin.query<{ datctype: string }>('SELECT datctype FROM pg_database WHERE datname = $1', [database])).rows[0].datctype;
    if (!isAsciiOnlyCtype(ctype) && !existsSync(marker)) return;
    if (isAsciiOnlyCtype(ctype)) {
      report(
        'warn',
        `database "${database}" was created with LC_CTYPE ${ctype} by an earlier version, where trigram search sees no Arabic letter; ` +
          `switching it to UTF-8 and rebuilding its search data and indexes (the data stays; a large database takes minutes)`,
      );
      writeFileSync(marker, `LC_CTYPE was ${ctype}\n`);
      ctype = await switchCtype(admin, [database, 'template1', 'postgres'], adminUrl, database);
    }
  } finally {
    await admin.end();
  }
  await rebuild(withDatabaseName(adminUrl, database));
  rmSync(marker, { force: true });
  report('log', `database "${database}" now has LC_CTYPE ${ctype}; search data and indexes rebuilt`);
}

/** Sets the first character type of UTF8_CTYPES that the machine has (a connection under it succeeds). */
async function switchCtype(admin: Client, databases: string[], adminUrl: string, probe: string): Promise<string> {
  const before = await admin.query<{ datname: string; datctype: string }>(
    'SELECT datname, datctype FROM pg_database WHERE datname = ANY($1)',
    [databases],
  );
  for (const ctype of UTF8_CTYPES) {
    await admin.query('UPDATE pg_database SET datctype = $1 WHERE datname = ANY($2)', [ctype, databases]);
    const client = new Client({ connectionString: withDatabaseName(adminUrl, probe) });
    try {
      await client.connect();
      return ctype;
    } catch {
      // that locale is not installed: the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  for (const { datname, datctype } of before.rows) {
    await admin.query('UPDATE pg_database SET datctype = $1 WHERE datname = $2', [datctype, datname]);
  }
  throw new Error(`none of ${UTF8_CTYPES.join(', ')} is installed`);
}

/** Recomputes, under the new character type, every stored generated column and every index of the database. */
async function rebuild(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string; column: string }>(`
      SELECT format('%I.%I', n.nspname, c.relname) AS name,
             (SELECT quote_ident(a.attname) FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
               ORDER BY a.attnum LIMIT 1) AS column
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attgenerated = 's' AND NOT a.attisdropped)`);
    await client.query('BEGIN');
    // The rows are rewritten as they are: no trigger may bump versions, write audit entries or relabel.
    await client.query('SET LOCAL session_replication_role = replica');
    for (const { name, column } of tables.rows) await client.query(`UPDATE ${name} SET ${column} = ${column}`);
    await client.query('COMMIT');
    const { rows } = await client.query<{ datname: string }>('SELECT current_database() AS datname');
    await client.query(`REINDEX DATABASE ${client.escapeIdentifier(rows[0].datname)}`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
