import { applyDecorators, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import type { ReferenceResource } from '../export/reference-export.query';
import { ApiCsvImport, dryRunPipe } from './csv-import';
import { ReferenceImportService } from './reference-import.service';

const HIERARCHY_RULES =
  'A row whose `id` exists updates that record, else one with its `slug`, else it creates one (with that `id` when given). ' +
  '`parentSlug` names the parent, in the file (anywhere: parents are written first) or already stored; an unknown parent or a cycle is an error.';

const importRoute = (resource: ReferenceResource, rules: string) =>
  applyDecorators(
    Post(`${resource}/import`),
    HttpCode(200),
    MinRole('editor'),
    ApiTags(resource),
    ApiCsvImport(`Import ${resource} from a CSV in the export format`, rules),
  );

/** `POST /api/<actors|topics|sources>/import`: the reference tables back in from their exports. */
@ApiBearerAuth()
@Controller()
export class ReferenceImportController {
  constructor(private readonly importer: ReferenceImportService) {}

  @importRoute('actors', `${HIERARCHY_RULES} \`roles\` (persons) name their bodies by slug.`)
  actors(@Req() request: Request, @Query('dryRun', dryRunPipe) dryRun?: boolean, @CurrentUser() user?: AuthUser) {
    return this.importer.import('actors', request, { dryRun: dryRun ?? false, user });
  }

  @importRoute('topics', HIERARCHY_RULES)
  topics(@Req() request: Request, @Query('dryRun', dryRunPipe) dryRun?: boolean, @CurrentUser() user?: AuthUser) {
    return this.importer.import('topics', request, { dryRun: dryRun ?? false, user });
  }

  @importRoute('sources', 'A row whose `id` exists updates that source, any other row creates one (with that `id` when given).')
  sources(@Req() request: Request, @Query('dryRun', dryRunPipe) dryRun?: boolean, @CurrentUser() user?: AuthUser) {
    return this.importer.import('sources', request, { dryRun: dryRun ?? false, user });
  }
}
