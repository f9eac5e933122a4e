import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { TopicDto, TopicFilter, UpdateTopicDto } from './dto/topic.dto';
import { TOPIC_LIST, TopicsService } from './topics.service';

@ApiTags('topics')
@ApiBearerAuth()
@Controller('topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Get()
  @ListEndpoint(
    'topics',
    TOPIC_LIST,
    TopicDto,
    '`q` matches any name in any language (substring, Arabic-normalised); `parentId` (null: top level).',
  )
  list(@Query(new ListQueryPipe(TOPIC_LIST)) query: ListQuery<TopicFilter>) {
    return this.topics.list(query);
  }

  @Get(':id')
  @ApiGetOne(TopicDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.topics.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(TopicDto)
  create(@Body() dto: TopicDto, @CurrentUser() user?: AuthUser) {
    return this.topics.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(TopicDto)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateTopicDto, @CurrentUser() user?: AuthUser) {
    return this.topics.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(TopicDto, 'statements, stances or subtopics still reference the topic; nothing was deleted')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.topics.remove(id, user);
  }
}
