import { HttpStatus } from '@nestjs/common';
import type { ApiErrorBody } from './api-error';

/** Constraints whose field is not written in their name. */
const FIELD_OF_CONSTRAINT: Record<string, string> = {
  actors_no_cycle: 'parentId',
  actors_not_own_parent: 'parentId',
  actors_parent_not_person: 'parentId',
  actors_person_outside_hierarchy: 'parentId',
  actors_person_kind_locked: 'kind',
  topics_no_cycle: 'parentId',
  topics_not_own_parent: 'parentId',
  actor_roles_person_is_person: 'roles',
  actor_roles_actor_not_person: 'roles',
  actor_roles_dates: 'roles',
  actor_roles_not_self: 'roles',
  statements_actor_not_person: 'actorId',
  statements_speaker_is_person: 'speakerId',
  stances_value_range: 'stances',
  stances_one_target: 'stances',
  stances_statement_actor_key: 'stances',
  stances_statement_topic_key: 'stances',
  relations_not_self: 'toStatementId',
  relations_unique: 'type',
  users_email_key: 'email',
  events_dates: 'endDate',
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
  table?: string;
  message?: string;
}

export function fieldOfConstraint(error: PgError): string {
  if (error.constraint && FIELD_OF_CONSTRAINT[error.constraint]) return FIELD_OF_CONSTRAINT[error.constraint];
  const keyColumn = /Key \(([a-z_]+)\)/.exec(error.detail ?? '')?.[1];
  if (keyColumn) return camel(keyColumn);
  if (error.column) return camel(error.column);
  if (error.constraint && error.table) {
    const column = error.constraint.replace(new RegExp(`^${error.table}_`), '').replace(/_(check|key|fkey|idx)$/, '');
    return camel(column);
  }
  return 'body';
}

/**
 * Turns a PostgreSQL error caused by client input into the API's 4xx, naming the field.
 * Returns undefined for errors a client cannot cause (those stay 500, without details).
 */
export function mapDatabaseError(error: PgError, method: string): ApiErrorBody | undefined {
  const field = fieldOfConstraint(error);
  switch (error.code) {
    case '23505':
      return { statusCode: HttpStatus.CONFLICT, message: `${field} is already taken`, errors: { [field]: 'already exists' } };
    case '23001':
    case '23503':
      if (error.code === '23001' || method === 'DELETE' || /is still referenced/.test(error.detail ?? '')) {
        const table = /from table "([a-z_]+)"/.exec(error.detail ?? '')?.[1] ?? 'other records';
        return { statusCode: HttpStatus.CONFLICT, message: `still referenced by ${table.replace(/_/g, ' ')}` };
      }
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        message: `${field} refers to a record that does not exist`,
        errors: { [field]: 'does not exist' },
      };
    case '23514':
    case '23502':
    case '23P01': {
      const reason =
        error.code === '23502'
          ? 'is required'
          : (error.message ?? 'is invalid').replace(/^new row for relation .*violates check constraint .*$/, 'is invalid');
      return { statusCode: HttpStatus.BAD_REQUEST, message: `${field} ${reason}`, errors: { [field]: reason } };
    }
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021':
    case '2201B':
    case '22023':
    case '22025':
    case '42P18':
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        message: `invalid value: ${error.message ?? ''}`.trim(),
        errors: { [field]: 'invalid value' },
      };
    case '40001':
    case '40P01':
      return { statusCode: HttpStatus.CONFLICT, message: 'the record was changed concurrently; retry' };
    default:
      return undefined;
  }
}

/**
 * Errors meaning the database cannot be reached right now. `timeout expired` is pg's Client giving
 * up on opening a connection (DB_CONNECT_TIMEOUT_MS).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; name?: string };
  return (
    // TypeORM's, for a transaction whose connection was lost under it (PostgreSQL died mid-request).
    ['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError'].includes(e?.name ?? '') ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003'].includes(
      e?.code ?? '',
    ) ||
    // The last, from a pool already ended: requests still queued while the server stops.
    /Connection terminated|^timeout expired$|Client has encountered a connection error|^Cannot use a pool after calling end on the pool$/i.test(
      e?.message ?? '',
    )
  );
}

/** pg-pool's error for a request that waited DB_POOL_QUEUE_TIMEOUT_MS without getting a connection: the database is up, busy. */
export function isPoolQueueTimeout(error: unknown): boolean {
  return (error as { message?: string })?.message === 'timeout exceeded when trying to connect';
}

/**
 * PostgreSQL cancelled the query (57014: `statement_timeout`, DB_STATEMENT_TIMEOUT_MS) or ended a
 * session left idle in a transaction (25P03): the request asked more than the server gives one request.
 */
export function isTimeLimit(error: unknown): boolean {
  return ['57014', '25P03'].includes((error as { code?: string })?.code ?? '');
}
