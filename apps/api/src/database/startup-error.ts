/**
 * A problem of the environment the API starts in (a port in use, a folder it cannot write, a
 * database it cannot reach…): the server stops with its message, one line saying what and how to
 * fix it, and no stack trace.
 */
export class StartupError extends Error {}

/** What went wrong when connecting to PostgreSQL, in words an operator can act on; undefined when it is not an environment problem. */
export function describeConnectionError(error: unknown, where: string): string | undefined {
  const e = error as { code?: string; message?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `PostgreSQL at ${where} refuses connections (nothing listens there): start it, or fix DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `PostgreSQL host of ${where} is unknown (${e.code}): fix the host name in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `PostgreSQL at ${where} cannot be reached (${e.code}): check the network and the host in DATABASE_URL`;
    case '28P01':
      return `PostgreSQL at ${where} refused the password for this user: fix the user or password in DATABASE_URL`;
    case '28000':
      return `PostgreSQL at ${where} refused the connection (${e.message}): allow it in pg_hba.conf, or fix DATABASE_URL`;
    case '3D000':
      return `PostgreSQL at ${where}: ${e.message}: create it (createdb), or fix the database name in DATABASE_URL`;
    case '57P03':
      return `PostgreSQL at ${where} is not accepting connections yet (${e.message}): wait for it, then start again`;
    case '53300':
      return `PostgreSQL at ${where} has no connection slot left (${e.message}): raise max_connections or lower DB_POOL_SIZE`;
  }
  if (/locale is incompatible/i.test(e?.message ?? '')) {
    const detail = (error as { detail?: string }).detail ?? '';
    return `locale problem: PostgreSQL at ${where}: ${e?.message}. ${detail} Install that locale on the database's machine, or recreate the database with a locale it has`;
  }
  if (/timeout expired|Connection terminated due to connection timeout/i.test(e?.message ?? '')) {
    return `PostgreSQL at ${where} did not answer within DB_CONNECT_TIMEOUT_MS: check that it runs and that DATABASE_URL is right`;
  }
  if (/SSL|self.signed|certificate/i.test(e?.message ?? '')) {
    return `PostgreSQL at ${where}: ${e.message}: fix sslmode in DATABASE_URL`;
  }
  return undefined;
}
