import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListEndpoint } from '../common/list-endpoint';
import { Bounded, filtersByText } from '../common/load-limits';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { PositionDto } from './dto/position.dto';
import { POSITION_LIST, PositionFilter } from './positions.query';
import { PositionsService } from './positions.service';

@ApiTags('positions')
@ApiBearerAuth()
@Controller('positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @Get()
  @Bounded('searches', filtersByText)
  @ListEndpoint(
    'positions',
    POSITION_LIST,
    PositionDto,
    'Every statement filter, plus `rollup` (true: fold descendant actors into the requested `actorId`s, or into top-level actors), ' +
      '`groupBy` ("month": one row per actor, target and month), `targetType` ("actor"/"topic") and `targetTopicId`. ' +
      '`targetActorId`, `targetTopicId`, `targetType` and `stance` choose which stances count; drafts count unless `status` narrows.',
  )
  list(@Query(new ListQueryPipe(POSITION_LIST)) query: ListQuery<PositionFilter>) {
    return this.positions.list(query);
  }
}
