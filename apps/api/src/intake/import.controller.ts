import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ImportService } from './import.service';
import { ApiCsvImport, dryRunPipe } from './csv-import';

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class ImportController {
  constructor(private readonly importer: ImportService) {}

  @Post('import')
  @HttpCode(200)
  @MinRole('editor')
  @ApiCsvImport(
    'Import statements from a CSV in the export format',
    'A row whose `id` exists updates that statement, any other row creates one.',
  )
  import(@Req() request: Request, @Query('dryRun', dryRunPipe) dryRun?: boolean, @CurrentUser() user?: AuthUser) {
    return this.importer.import(request, { dryRun: dryRun ?? false, user });
  }
}
