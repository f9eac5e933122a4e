import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { EventDto, EventFilter, UpdateEventDto } from './dto/event.dto';
import { EVENT_LIST, EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ListEndpoint('events', EVENT_LIST, EventDto, '`q` matches any name in any language (substring, Arabic-normalised).')
  list(@Query(new ListQueryPipe(EVENT_LIST)) query: ListQuery<EventFilter>) {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiGetOne(EventDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.events.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(EventDto)
  create(@Body() dto: EventDto, @CurrentUser() user?: AuthUser) {
    return this.events.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(EventDto)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateEventDto, @CurrentUser() user?: AuthUser) {
    return this.events.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(EventDto, 'statements still reference the event; nothing was deleted')
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.events.remove(id, user);
  }
}
