import { Inject, Injectable } from '@nestjs/common';
import type { StatementFilter } from '@stance/common';
import type { Response } from 'express';
import QueryStream from 'pg-query-stream';
import { pipeline, Transform } from 'node:stream';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { connectClientForReads, readQuery } from '../database/read-query';
import { PositionFilter, PositionsQuery } from '../positions/positions.query';
import { csvWriter } from './csv-writer';
import type { ExportRequest } from './export-request';
import { REFERENCE_EXPORTS, referenceCsvHeader, ReferenceExportQuery, ReferenceResource } from './reference-export.query';
import { statementCsvHeader, StatementExportQuery } from './statement-export.query';

/**
 * Rows fetched from the cursor per round trip. Larger batches save round trips, but rows that wait
 * longer live into the old generation, and the garbage collector then lets the heap grow by
 * 100 MB and more before it runs: at 250 the server stays near its resting size.
 */
const BATCH_SIZE = 250;

const POSITION_CSV_COLUMNS = [
  'actorId',
  'actorName',
  'actorSlug',
  'targetType',
  'targetId',
  'targetName',
  'targetSlug',
  'month',
  'count',
  'mean',
  'min',
  'max',
  'latestValue',
  'latestSaidOn',
];

/**
 * Exports stream from a PostgreSQL cursor through the CSV (or NDJSON) writer to the response:
 * the whole result is never in memory, and a client that goes away stops the query. A client that
 * stays but stops reading would hold the cursor's connection for as long as it likes: after
 * `EXPORT_STALL_TIMEOUT_MS` without taking any data, its response is cut off.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly positions: PositionsQuery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async statementsCsv(request: ExportRequest<StatementFilter>, res: Response): Promise<void> {
    const query = new StatementExportQuery(request.filter, request.sort);
    const languages = (await readQuery<{ lang: string }[]>(this.dataSource, query.languages().sql, query.languages().params)).map(
      (row) => row.lang,
    );
    await this.send(res, query.csv(languages), {
      contentType: 'text/csv; charset=utf-8',
      filename: filename('statements', 'csv'),
      format: csvWriter(statementCsvHeader(languages), request.bom),
    });
  }

  async statementsNdjson(request: ExportRequest<StatementFilter>, res: Response): Promise<void> {
    await this.send(res, new StatementExportQuery(request.filter, request.sort).json(), {
      contentType: 'application/x-ndjson; charset=utf-8',
      filename: filename('statements', 'ndjson'),
      format: new Transform({
        writableObjectMode: true,
        transform: (row: [string], _encoding, done) => done(null, `${row[0]}\n`),
      }),
    });
  }

  async positionsCsv(request: ExportRequest<PositionFilter>, res: Response): Promise<void> {
    const byMonth = request.filter.groupBy?.includes('month') ?? false;
    const columns = POSITION_CSV_COLUMNS.filter((column) => byMonth || column !== 'month');
    await this.send(res, this.positions.build(request.filter, request.sort), {
      contentType: 'text/csv; charset=utf-8',
      filename: filename('positions', 'csv'),
      format: csvWriter(columns, request.bom),
      rowMode: 'object',
    });
  }

  /** Actors, topics or sources: the list's rows for the filter and sort, one `name_<lang>` column per language of their names. */
  async referenceCsv(resource: ReferenceResource, request: ExportRequest<unknown>, res: Response): Promise<void> {
    const spec = REFERENCE_EXPORTS[resource];
    const query = new ReferenceExportQuery(spec, request.filter, request.sort);
    const languagesQuery = query.languages();
    const languages = languagesQuery
      ? (await readQuery<{ lang: string }[]>(this.dataSource, languagesQuery.sql, languagesQuery.params)).map((row) => row.lang)
      : [];
    await this.send(res, query.csv(languages), {
      contentType: 'text/csv; charset=utf-8',
      filename: filename(resource, 'csv'),
      format: csvWriter(referenceCsvHeader(spec, languages), request.bom),
    });
  }

  private async send(
    res: Response,
    query: { sql: string; params: unknown[] },
    output: { contentType: string; filename: string; format: Transform; rowMode?: 'array' | 'object' },
  ): Promise<void> {
    const client = await connectClientForReads(this.dataSource);
    const rowMode = output.rowMode === 'object' ? undefined : 'array';
    const rows = client.query(new QueryStream(query.sql, query.params, { batchSize: BATCH_SIZE, rowMode }));
    res.setHeader('Content-Type', output.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${output.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    await new Promise<void>((resolve, reject) => {
      const body = pipeline(rows, output.format, (error) => {
        // A connection whose cursor failed or was cut off is not reused.
        client.release(error ? true : undefined);
        if (!error) return;
        if (res.headersSent) {
          res.destroy(error);
          resolve();
        } else {
          reject(error); // nothing sent yet: the error filter answers
        }
      });
      body.pipe(res);
      const stopWatching = cutOffWhenStalled(res, this.config.limits.exportStallTimeoutMs);
      res.on('finish', resolve);
      res.on('close', () => {
        stopWatching();
        if (!res.writableFinished) rows.destroy();
      });
    });
  }
}

/**
 * Destroys `res` once its buffer has stayed full (the client takes no data) for `timeoutMs`; the
 * 'close' that follows stops the cursor and frees its connection. Returns the stop of the watch.
 */
function cutOffWhenStalled(res: Response, timeoutMs: number): () => void {
  let fullSince: number | undefined;
  const timer = setInterval(
    () => {
      if (!res.writableNeedDrain) fullSince = undefined;
      else if (fullSince === undefined) fullSince = Date.now();
      else if (Date.now() - fullSince >= timeoutMs) res.destroy();
    },
    Math.max(10, Math.min(1000, timeoutMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

const filename = (what: string, extension: string) => `${what}-${new Date().toISOString().slice(0, 10)}.${extension}`;
