import { applyDecorators, BadRequestException, ParseBoolPipe } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import type { ImportError, ImportResult } from '@stance/common';
import type { Request } from 'express';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { FieldErrorsException } from '../common/api-error';
import { mapDatabaseError } from '../common/database-errors';
import { textProblem } from '../common/text-rules';
import type { ImportLimits } from '../config/app-config';
import { restoreFormula } from '../export/formula-guard';
import { readCsvRecords } from './csv-body';

/**
 * What every CSV import shares (statements, actors, topics, sources): how the file arrives, the
 * header check, the formula guard undone, one all-or-nothing transaction, and the answer
 * `{created, updated, errors: [{row, field, message}]}`, a 400 when there is any error.
 */

export type { ImportError, ImportResult };

/** Past this many, the report is long enough to act on; the rest of the file is not read. */
export const MAX_ERRORS = 100;

/** The columns a file may have: `read` ones are imported, `displayOnly` ones are accepted and ignored. */
export interface CsvColumns {
  read: readonly string[];
  displayOnly: readonly string[];
  required: readonly string[];
  /** Columns named by a pattern, such as `translation_<lang>` or `name_<lang>`. */
  pattern?: RegExp;
}

/** The header errors, if any: unknown columns, columns twice, required columns missing. */
export function checkHeader(header: string[], columns: CsvColumns): ImportError[] {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) errors.push({ row: 0, field: column, message: 'column appears twice' });
    seen.add(column);
    if (!columns.read.includes(column) && !columns.displayOnly.includes(column) && !columns.pattern?.test(column)) {
      errors.push({ row: 0, field: column, message: 'unknown column' });
    }
  }
  for (const column of columns.required)
    if (!seen.has(column)) errors.push({ row: 0, field: column, message: 'required column is missing' });
  return errors;
}

/** Undoes the export's formula guard: `'=SUM(1)` → `=SUM(1)`, `''=x` → `'=x`; any other leading `'` is the text's own. */
export const unguard = restoreFormula;

/** A list cell (`a; b; c`) as its trimmed, non-empty items. */
export const splitList = (cell: string): string[] =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

/** A data record's cells by column, the formula guard undone; null (and errors) when its cell count is off or a cell holds control characters. */
export function recordCells(header: string[], record: string[], row: number, errors: ImportError[]): Map<string, string> | null {
  if (record.length !== header.length) {
    errors.push({ row, field: 'row', message: `has ${record.length} cells, the header ${header.length}` });
    return null;
  }
  let valid = true;
  header.forEach((column, i) => {
    const problem = textProblem(record[i] ?? '');
    if (problem) errors.push({ row, field: column, message: problem });
    if (problem) valid = false;
  });
  return valid ? new Map(header.map((column, i) => [column, unguard(record[i] ?? '')])) : null;
}

export const dryRunPipe = new ParseBoolPipe({
  optional: true,
  exceptionFactory: () => new FieldErrorsException({ dryRun: 'must be true or false' }),
});

/** OpenAPI for an import route. */
export const ApiCsvImport = (summary: string, rules: string) =>
  applyDecorators(
    ApiOperation({
      summary,
      description:
        `A \`text/csv\` body or a multipart field \`file\`, in the columns of the export. ${rules} ` +
        'All or nothing: any error → 400 `{created: 0, updated: 0, errors: [{row, field, message}]}` (`row` counts data records from 1, ' +
        '0 is the header) and nothing is written. `dryRun=true` checks everything and writes nothing. Needs the editor role.',
    }),
    ApiConsumes('text/csv', 'multipart/form-data'),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiQuery({ name: 'dryRun', required: false, type: Boolean }),
    ApiOkResponse({ schema: { example: { created: 28, updated: 0, errors: [] } } }),
  );

/** Thrown inside the transaction to roll it back (a dry run, or errors), carrying the answer out. */
class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

/** An import request: its CSV body (read whole first, see csv-body.ts), whether it is a dry run, the limits it meets. */
export interface CsvImportRequest {
  request: Request;
  dryRun: boolean;
  limits: ImportLimits;
}

/**
 * Reads the CSV of `input.request` to its end (limits checked as it streams in), then hands its
 * records to `run` inside one transaction, which commits only when `run` reports no error and
 * this is not a dry run. Errors → a 400 `{created: 0, updated: 0, errors}`; a file that cannot be
 * read is an error of row 0 (a 413 when it breaks a limit).
 */
export async function runCsvImport(
  dataSource: DataSource,
  input: CsvImportRequest,
  run: (records: string[][], manager: EntityManager) => Promise<ImportResult>,
): Promise<ImportResult> {
  const records = await readCsvRecords(input.request, input.limits);
  let result: ImportResult;
  try {
    result = await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = ${Number(input.limits.statementTimeoutMs)}`);
      const outcome = await run(records, manager);
      if (outcome.errors.length) throw new Rollback({ created: 0, updated: 0, errors: outcome.errors });
      if (input.dryRun) throw new Rollback(outcome);
      return outcome;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    result = error.result;
  }
  if (result.errors.length) throw refused(result.errors);
  return result;
}

/**
 * A database error caused by a row, as `[field, message]` (the field named as the API would);
 * anything a client cannot cause is thrown on.
 */
export function databaseErrorOfRow(error: unknown): [field: string, message: string] {
  const pg = error instanceof QueryFailedError ? (error.driverError as object) : null;
  const mapped = pg ? mapDatabaseError(pg as never, 'POST') : undefined;
  if (!mapped) throw error;
  return Object.entries(mapped.errors ?? { row: mapped.message })[0];
}

function refused(errors: ImportError[], message = `import refused: ${describe(errors)}`): BadRequestException {
  return new BadRequestException({ message, created: 0, updated: 0, errors });
}

function describe(errors: ImportError[]): string {
  const shown = errors.slice(0, 3).map((e) => `row ${e.row} ${e.field}: ${e.message}`);
  return errors.length > 3 ? `${shown.join('; ')}; and ${errors.length - 3} more` : shown.join('; ');
}
