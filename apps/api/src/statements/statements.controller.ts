import { Body, Controller, Delete, Get, HttpCode, Param, ParseBoolPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { UserCheckedAlongside } from '../auth/user-check';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { FieldErrorsException } from '../common/api-error';
import { ListEndpoint } from '../common/list-endpoint';
import { Bounded, filtersByText } from '../common/load-limits';
import { ListQuery, ListQueryPipe, ListSpec } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateStatementsDto, StatementDto, StatementListFilter, UpdateStatementDto } from './dto/statement.dto';
import { STATEMENT_FILTER_SCHEMA, STATEMENT_SORT } from './statement-filter';
import { StatementsService } from './statements.service';

export const STATEMENT_LIST: ListSpec = {
  filter: { ...STATEMENT_FILTER_SCHEMA, deleted: 'boolean', highlight: 'boolean' },
  sort: STATEMENT_SORT,
};

const withDeletedPipe = new ParseBoolPipe({
  optional: true,
  exceptionFactory: () => new FieldErrorsException({ withDeleted: 'must be true or false' }),
});

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get()
  @Bounded('searches', filtersByText)
  @ListEndpoint(
    'statements',
    STATEMENT_LIST,
    StatementDto,
    'All combinable: `q` (full text over text and translations, any language, Arabic-normalised, stemmed; 1–2 letters match as substring), ' +
      '`actorId` (one or an array, with every descendant actor), `speakerId`, `targetActorId` (with descendants), `topicId`, `tagId`, ' +
      '`eventId`, `sourceId`, `stance` (integer or `{"min":..,"max":..}`, on the same stance as `targetActorId`), `saidFrom`, `saidTo` ' +
      '(inclusive YYYY-MM-DD), `lang`, `kind`, `status`, `deleted: true` (only the deleted statements). Without `sort`, a `q` ranks by relevance, ' +
      'else newest first (saidOn DESC, id DESC).',
  )
  @ApiQuery({
    name: 'cursor',
    required: false,
    description:
      'Keyset paging for scripts: the `Next-Cursor` header of the previous page (sent while more rows may follow). The page starts after ' +
      'that row, `range` gives only its size, the same filter and sort must be sent, and the total is not counted (`Content-Range: statements 0-999/*`). ' +
      'Needs a sort on saidOn, createdAt, updatedAt or id (the default saidOn DESC qualifies).',
  })
  list(@Query(new ListQueryPipe(STATEMENT_LIST)) query: ListQuery<StatementListFilter>, @Query('cursor') cursor?: string) {
    return this.statements.list(query, cursor);
  }

  @Get(':id')
  @UserCheckedAlongside()
  @ApiGetOne(StatementDto)
  @ApiQuery({ name: 'withDeleted', required: false, type: Boolean, description: 'also find a deleted statement (else 404)' })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'a search: the answer then has `highlight` (see the list)' })
  findOne(@Param('id', ParseIdPipe) id: string, @Query('withDeleted', withDeletedPipe) withDeleted?: boolean, @Query('q') q?: unknown) {
    return this.statements.findOne(id, { withDeleted, q: typeof q === 'string' ? q : undefined });
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(StatementDto, null)
  create(@Body() dto: StatementDto, @CurrentUser() user?: AuthUser) {
    return this.statements.create(dto, user);
  }

  @Post('batch')
  @MinRole('editor')
  @ApiCreate(StatementDto, null)
  @ApiOperation({ summary: 'Several statements in one transaction: all saved, or none (a 400 names `statements.<i>.<field>`)' })
  createMany(@Body() dto: CreateStatementsDto, @CurrentUser() user?: AuthUser) {
    return this.statements.createMany(dto.statements, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(StatementDto, 'stale `version`: the body is `{message, current}` with the current record; nothing was written')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateStatementDto, @CurrentUser() user?: AuthUser) {
    return this.statements.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(StatementDto, null)
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.statements.remove(id, user);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @MinRole('editor')
  @ApiUpdate(StatementDto, null)
  restore(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.statements.restore(id, user);
  }
}
