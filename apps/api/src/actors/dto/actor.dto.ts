import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ACTOR_KINDS, type ActorKind } from '@stance/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsId, IsIsoDate, IsLangMap, ReadOnly, SLUG_PATTERN } from '../../common/validators';

/** An office a person held: in which body (`actorId`), as what, from when to when (null: open). */
export class ActorRoleDto {
  @ReadOnly({ format: 'uuid' }) id?: string;
  @ApiProperty({ format: 'uuid', description: 'the body or state (never a person)' }) @IsId() actorId: string;
  @ReadOnly({ description: 'name of the body' }) actorName?: string;
  @ApiProperty({ example: 'Prime Minister', maxLength: 300 }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional({ format: 'date', nullable: true }) @IsOptional() @IsIsoDate() from?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true }) @IsOptional() @IsIsoDate() to?: string | null;
}

export class ActorPathItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ActorDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'azerbaijan', description: 'unique; lower-case letters, digits, single hyphens' })
  @IsString()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  @MaxLength(120)
  slug: string;
  @ApiProperty({ example: 'Azerbaijan', description: 'English name', maxLength: 300 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiPropertyOptional({
    example: { ar: 'أذربيجان' },
    description: 'language code → name',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsLangMap({ maxEntries: 50, maxLength: 300 })
  names?: Record<string, string>;
  @ApiPropertyOptional({ example: ['Baku', 'باكو'], description: 'other names in any language (metonyms included)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  aliases?: string[];
  @ApiProperty({ enum: ACTOR_KINDS }) @IsIn(ACTOR_KINDS) kind: ActorKind;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the body this one belongs to; never a person, never a cycle' })
  @IsOptional()
  @IsId()
  parentId?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;
  @ApiPropertyOptional({ type: [ActorRoleDto], description: 'persons only: the offices held; a PUT with roles replaces them all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ActorRoleDto)
  roles?: ActorRoleDto[];
  @ReadOnly({ description: '0 for a top-level actor' }) depth: number;
  @ReadOnly({ type: [ActorPathItemDto], description: 'root to this actor, itself included' }) path: ActorPathItemDto[];
  @ReadOnly({ nullable: true }) parentName: string | null;
  @ReadOnly() version: number;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateActorDto extends PartialType(ActorDto) {}

export interface ActorFilter {
  id?: string[];
  q?: string;
  parentId?: string[] | null;
  kind?: ActorKind[];
  /** People who hold (or held) a role at one of these actors. */
  roleActorId?: string[];
}
