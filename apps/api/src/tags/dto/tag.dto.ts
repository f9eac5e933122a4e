import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ReadOnly, SLUG_PATTERN } from '../../common/validators';

/** A tag as the API returns it and takes it (read-only fields sent back are ignored). */
export class TagDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ceasefire-violation', description: 'unique; lower-case letters, digits, single hyphens' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  @MaxLength(120)
  slug: string;
  @ApiProperty({ example: 'Ceasefire violation', maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateTagDto extends PartialType(TagDto) {}

export interface TagFilter {
  id?: string[];
  q?: string;
}
