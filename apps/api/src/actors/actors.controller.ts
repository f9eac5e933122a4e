import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ActorDto, ActorFilter, UpdateActorDto } from './dto/actor.dto';
import { ACTOR_LIST, ActorsService } from './actors.service';

@ApiTags('actors')
@ApiBearerAuth()
@Controller('actors')
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @Get()
  @ListEndpoint(
    'actors',
    ACTOR_LIST,
    ActorDto,
    '`q` matches any name or alias in any language (substring; Arabic hamza, diacritics and tatweel ignored); `parentId` (null: top level); `kind` (one or an array). Rows carry `depth`, `path` and `parentName`.',
  )
  list(@Query(new ListQueryPipe(ACTOR_LIST)) query: ListQuery<ActorFilter>) {
    return this.actors.list(query);
  }

  @Get(':id')
  @ApiGetOne(ActorDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.actors.findOne(id);
  }

  @Post()
  @MinRole('editor')
  @ApiCreate(ActorDto)
  create(@Body() dto: ActorDto, @CurrentUser() user?: AuthUser) {
    return this.actors.create(dto, user);
  }

  @Put(':id')
  @MinRole('editor')
  @ApiUpdate(ActorDto)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateActorDto, @CurrentUser() user?: AuthUser) {
    return this.actors.update(id, dto, user);
  }

  @Delete(':id')
  @MinRole('editor')
  @ApiDelete(
    ActorDto,
    'statements (as actor, speaker or stance target), child actors or roles still reference the actor; nothing was deleted',
  )
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.actors.remove(id, user);
  }
}
