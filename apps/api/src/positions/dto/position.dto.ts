import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One row of `GET /api/positions`: an actor's position toward one target (in one month with `groupBy=month`). */
export class PositionDto {
  @ApiProperty({ example: 'a1…:actor:b2…', description: '`actorId:targetType:targetId[:month]`, unique in the result' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the actor spoken for, or with `rollup` the requested (or top-level) actor' })
  actorId: string;
  @ApiProperty({ example: 'Azerbaijan' }) actorName: string;
  @ApiProperty({ example: 'azerbaijan' }) actorSlug: string;
  @ApiProperty({ enum: ['actor', 'topic'] }) targetType: 'actor' | 'topic';
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ example: 'Armenia' }) targetName: string;
  @ApiProperty({ example: 'armenia' }) targetSlug: string;
  @ApiPropertyOptional({ example: '2023-09', description: 'only with `groupBy=month`' }) month?: string;
  @ApiProperty({ example: 12, description: 'stances counted' }) count: number;
  @ApiProperty({ example: -1.42, description: 'mean stance value, rounded to 2 decimals' }) mean: number;
  @ApiProperty({ example: -2, minimum: -2, maximum: 2 }) min: number;
  @ApiProperty({ example: 1, minimum: -2, maximum: 2 }) max: number;
  @ApiProperty({ example: -2, description: 'the stance of the latest statement (by saidOn, then createdAt)' }) latestValue: number;
  @ApiProperty({ example: '2023-09-19', format: 'date' }) latestSaidOn: string;
}
