import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsId, IsLangMap, ReadOnly, SLUG_PATTERN } from '../../common/validators';

export class TopicDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ceasefire', description: 'unique; lower-case letters, digits, single hyphens' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  @MaxLength(120)
  slug: string;
  @ApiProperty({ example: 'Ceasefire', description: 'English name', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiPropertyOptional({
    example: { ar: 'وقف إطلاق النار' },
    description: 'language code → name',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsLangMap({ maxEntries: 50, maxLength: 300 })
  names?: Record<string, string>;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the broader topic; never a cycle' })
  @IsOptional()
  @IsId()
  parentId?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @ReadOnly({ nullable: true }) parentName: string | null;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateTopicDto extends PartialType(TopicDto) {}

export interface TopicFilter {
  id?: string[];
  q?: string;
  parentId?: string[] | null;
}
