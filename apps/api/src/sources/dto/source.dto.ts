import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate, IsLangCode, ReadOnly } from '../../common/validators';

/** Half the database limit, so that a body in any script fits the 2 MB request limit. */
export const SOURCE_BODY_MAX = 500_000;

export class SourceDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Azerbaijan launches "anti-terror" operation in Karabakh', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  title: string;
  @ApiPropertyOptional({ example: 'Al Jazeera', nullable: true, maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) outlet?:
    string | null;
  @ApiPropertyOptional({ example: 'https://example.org/article', nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/\S+$/i, { message: 'url must be an http(s) URL' })
  url?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true }) @IsOptional() @IsIsoDate() publishedAt?: string | null;
  @ApiPropertyOptional({ example: 'ar', nullable: true }) @IsOptional() @IsLangCode() lang?: string | null;
  @ApiPropertyOptional({ example: 'AFP', nullable: true, description: 'the agency or wire credited', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  credit?: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'full text; only in GET of one source, not in lists', maxLength: SOURCE_BODY_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(SOURCE_BODY_MAX)
  body?: string | null;
  @ReadOnly() version: number;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateSourceDto extends PartialType(SourceDto) {}

export interface SourceFilter {
  id?: string[];
  q?: string;
  lang?: string[];
}
