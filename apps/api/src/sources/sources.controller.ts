import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { SourceDto, SourceFilter, UpdateSourceDto } from './dto/source.dto';
import { SOURCE_LIST, SourcesService } from './sources.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @ListEndpoint(
    'sources',
    SOURCE_LIST,
    SourceDto,
    '`q` matches title or outlet (substring, Arabic-normalised); `lang`. Rows leave out `body` (GET one source has it).',
  )
  list(@Query(new ListQueryPipe(SOURCE_LIST)) query: ListQuery<SourceFilter>) {
    return this.sources.list(query);
  }

  @Get(':id')
  @ApiGetOne(SourceDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.sources.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(SourceDto)
  create(@Body() dto: SourceDto, @CurrentUser() user?: AuthUser) {
    return this.sources.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(SourceDto)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSourceDto, @CurrentUser() user?: AuthUser) {
    return this.sources.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(SourceDto, 'statements still cite the source; nothing was deleted')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.sources.remove(id, user);
  }
}
