import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RelationDto, RelationFilter, UpdateRelationDto } from './dto/relation.dto';
import { RELATION_LIST, RelationsService } from './relations.service';

@ApiTags('relations')
@ApiBearerAuth()
@Controller('relations')
export class RelationsController {
  constructor(private readonly relations: RelationsService) {}

  @Get()
  @ListEndpoint(
    'relations',
    RELATION_LIST,
    RelationDto,
    '`statementId` (either end), `fromStatementId`, `toStatementId`, `type`. Rows carry the start of both statements (`fromText`, `toText`); relations of deleted statements are left out.',
  )
  list(@Query(new ListQueryPipe(RELATION_LIST)) query: ListQuery<RelationFilter>) {
    return this.relations.list(query);
  }

  @Get(':id')
  @ApiGetOne(RelationDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.relations.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(RelationDto, 'the two statements already have a relation of this type')
  create(@Body() dto: RelationDto, @CurrentUser() user?: AuthUser) {
    return this.relations.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(RelationDto, 'the two statements already have a relation of this type')
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateRelationDto, @CurrentUser() user?: AuthUser) {
    return this.relations.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(RelationDto, null)
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.relations.remove(id, user);
  }
}
