import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '../auth/auth.decorators';
import { ApiGetOne } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AUDIT_LIST, AuditService } from './audit.service';
import { AuditEntryDto, AuditFilter } from './dto/audit-entry.dto';

/** Read only: the trail is written by the services, in the transaction of each change. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ListEndpoint(
    'audit',
    AUDIT_LIST,
    AuditEntryDto,
    'Newest first by default. `from`/`to` bound `at` (a date, `to` inclusive, or an ISO timestamp); `userId: null` lists system changes (editors and admins only: analysts get 403). Entries about users are shown to admins only; `userEmail` to admins, `userName` to editors and admins.',
    { usesUser: true },
  )
  list(@Query(new ListQueryPipe(AUDIT_LIST)) query: ListQuery<AuditFilter>, @CurrentUser() reader: AuthUser) {
    return this.audit.list(query, reader);
  }

  @Get(':id')
  @ApiGetOne(AuditEntryDto)
  findOne(@Param('id', ParseIdPipe) id: string, @CurrentUser() reader: AuthUser) {
    return this.audit.findOne(id, reader);
  }
}
