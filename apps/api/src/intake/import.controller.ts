import { BadRequestException, Controller, HttpCode, ParseBoolPipe, Post, Query, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { FieldErrorsException } from '../common/api-error';
import { ImportService } from './import.service';
import { csvUpload } from './csv-upload';

const dryRunPipe = new ParseBoolPipe({
  optional: true,
  exceptionFactory: () => new FieldErrorsException({ dryRun: 'must be true or false' }),
});

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class ImportController {
  constructor(private readonly importer: ImportService) {}

  @Post('import')
  @HttpCode(200)
  @MinRole('editor')
  @ApiOperation({
    summary: 'Import statements from a CSV in the export format',
    description:
      'A `text/csv` body or a multipart field `file`. A row whose `id` exists updates that statement, any other row creates one. ' +
      'All or nothing: any error → 400 `{created: 0, updated: 0, errors: [{row, field, message}]}` (`row` counts data records from 1, ' +
      '0 is the header) and nothing is written. `dryRun=true` checks everything and writes nothing.',
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOkResponse({ schema: { example: { created: 28, updated: 0, errors: [] } } })
  async import(@Req() request: Request, @Query('dryRun', dryRunPipe) dryRun?: boolean, @CurrentUser() user?: AuthUser) {
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('text/csv') && !type.startsWith('multipart/form-data') && !type.startsWith('application/octet-stream')) {
      throw new UnsupportedMediaTypeException('send the CSV as text/csv or as the multipart field "file"');
    }
    const input = type.startsWith('multipart/') ? await csvUpload(request, 'file') : request;
    if (!input)
      throw new BadRequestException({
        message: 'no multipart field "file"',
        created: 0,
        updated: 0,
        errors: [{ row: 0, field: 'file', message: 'is required' }],
      });
    return this.importer.import(input, { dryRun: dryRun ?? false, user });
  }
}
