import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDate, IsLangMap, ReadOnly } from '../../common/validators';

export class EventDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'September 2023 offensive', maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @ApiPropertyOptional({ description: 'language code → name', type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsLangMap({ maxEntries: 50, maxLength: 300 })
  names?: Record<string, string>;
  @ApiPropertyOptional({ format: 'date', nullable: true }) @IsOptional() @IsIsoDate() startDate?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'not before startDate' }) @IsOptional() @IsIsoDate() endDate?:
    string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateEventDto extends PartialType(EventDto) {}

export interface EventFilter {
  id?: string[];
  q?: string;
}
