import { Injectable } from '@nestjs/common';
import { countLimit, ListQuery, Page } from '../common/list-query';
import { PositionDto } from './dto/position.dto';
import { PositionFilter, PositionsQuery } from './positions.query';

@Injectable()
export class PositionsService {
  constructor(private readonly positions: PositionsQuery) {}

  list({ filter, sort, range, exactTotal }: ListQuery<PositionFilter>): Promise<Page<PositionDto>> {
    return this.positions.page(filter, sort, range, countLimit({ exactTotal }));
  }
}
