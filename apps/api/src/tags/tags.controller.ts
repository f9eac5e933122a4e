import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { TagDto, TagFilter, UpdateTagDto } from './dto/tag.dto';
import { TAG_LIST, TagsService } from './tags.service';

@ApiTags('tags')
@ApiBearerAuth()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @ListEndpoint('tags', TAG_LIST, TagDto, '`q` matches name or slug (substring, Arabic-normalised).')
  list(@Query(new ListQueryPipe(TAG_LIST)) query: ListQuery<TagFilter>) {
    return this.tags.list(query);
  }

  @Get(':id')
  @ApiGetOne(TagDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.tags.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(TagDto)
  create(@Body() dto: TagDto, @CurrentUser() user?: AuthUser) {
    return this.tags.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(TagDto)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateTagDto, @CurrentUser() user?: AuthUser) {
    return this.tags.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(TagDto, 'statements still carry the tag; nothing was deleted')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.tags.remove(id, user);
  }
}
