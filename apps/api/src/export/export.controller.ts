import { applyDecorators, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { StatementFilter } from '@stance/common';
import type { Response } from 'express';
import { ApiErrorDto } from '../common/api-docs';
import { Bounded } from '../common/load-limits';
import { ListSpec } from '../common/list-query';
import { POSITION_LIST, PositionFilter } from '../positions/positions.query';
import { STATEMENT_FILTER_SCHEMA, STATEMENT_SORT } from '../statements/statement-filter';
import { ExportRequest, ExportRequestPipe } from './export-request';
import { ExportService } from './export.service';
import { REFERENCE_EXPORTS } from './reference-export.query';

const STATEMENT_EXPORT: ListSpec = { filter: STATEMENT_FILTER_SCHEMA, sort: STATEMENT_SORT };

const exportQuery = (spec: ListSpec) =>
  applyDecorators(
    ApiQuery({
      name: 'filter',
      required: false,
      description: `JSON object, as for the list. Filters: ${Object.keys(spec.filter).join(', ')}.`,
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      description: `JSON ["field", "ASC"|"DESC"], as for the list: ${Object.keys(spec.sort).join(', ')}.`,
    }),
  );
const ApiStatementExportQuery = () => exportQuery(STATEMENT_EXPORT);
const ApiPositionExportQuery = () => exportQuery(POSITION_LIST);
const { actors: ACTOR_EXPORT, topics: TOPIC_EXPORT, sources: SOURCE_EXPORT } = REFERENCE_EXPORTS;
const referenceCsv = (resource: string, spec: ListSpec) =>
  applyDecorators(
    ApiTags(resource),
    ApiProduces('text/csv'),
    exportQuery(spec),
    bomQuery,
    ApiOkResponse({ description: `the ${resource} list as CSV (every row, no paging); columns as in the README "CSV columns"` }),
  );
const bomQuery = ApiQuery({ name: 'bom', required: false, enum: ['true', 'false'], description: 'UTF-8 byte order mark (default true)' });

/** Streamed exports: every row the list shows for the same filter, in the same order. Analysts may export. */
@ApiTags('export')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'malformed filter or sort, an unknown filter or sort field' })
@Controller()
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('statements/export.csv')
  @Bounded('exports')
  @ApiProduces('text/csv')
  @ApiStatementExportQuery()
  @bomQuery
  @ApiOkResponse({ description: 'CSV (RFC 4180, UTF-8), columns as in the README "CSV columns"' })
  statementsCsv(
    @Query(new ExportRequestPipe(STATEMENT_EXPORT)) request: ExportRequest<StatementFilter>,
    @Res() res: Response,
  ): Promise<void> {
    return this.exports.statementsCsv(request, res);
  }

  @Get('statements/export.ndjson')
  @Bounded('exports')
  @ApiProduces('application/x-ndjson')
  @ApiStatementExportQuery()
  @ApiOkResponse({ description: 'one JSON object per line: the statement with names and slugs beside every id' })
  statementsNdjson(
    @Query(new ExportRequestPipe(STATEMENT_EXPORT)) request: ExportRequest<StatementFilter>,
    @Res() res: Response,
  ): Promise<void> {
    return this.exports.statementsNdjson(request, res);
  }

  @Get('positions/export.csv')
  @Bounded('exports')
  @ApiProduces('text/csv')
  @ApiPositionExportQuery()
  @bomQuery
  @ApiOkResponse({ description: 'the positions list as CSV: every row, no paging' })
  positionsCsv(@Query(new ExportRequestPipe(POSITION_LIST)) request: ExportRequest<PositionFilter>, @Res() res: Response): Promise<void> {
    return this.exports.positionsCsv(request, res);
  }

  @Get('actors/export.csv')
  @Bounded('exports')
  @referenceCsv('actors', ACTOR_EXPORT.list)
  actorsCsv(@Query(new ExportRequestPipe(ACTOR_EXPORT.list)) request: ExportRequest<unknown>, @Res() res: Response): Promise<void> {
    return this.exports.referenceCsv('actors', request, res);
  }

  @Get('topics/export.csv')
  @Bounded('exports')
  @referenceCsv('topics', TOPIC_EXPORT.list)
  topicsCsv(@Query(new ExportRequestPipe(TOPIC_EXPORT.list)) request: ExportRequest<unknown>, @Res() res: Response): Promise<void> {
    return this.exports.referenceCsv('topics', request, res);
  }

  @Get('sources/export.csv')
  @Bounded('exports')
  @referenceCsv('sources', SOURCE_EXPORT.list)
  sourcesCsv(@Query(new ExportRequestPipe(SOURCE_EXPORT.list)) request: ExportRequest<unknown>, @Res() res: Response): Promise<void> {
    return this.exports.referenceCsv('sources', request, res);
  }
}
