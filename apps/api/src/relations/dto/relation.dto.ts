import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { RELATION_TYPES, type RelationType } from '@stance/common';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsId, ReadOnly } from '../../common/validators';

/** A typed link from one statement to another; never from a statement to itself. */
export class RelationDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) @IsId() fromStatementId: string;
  @ApiProperty({ format: 'uuid', description: 'another statement than fromStatementId' }) @IsId() toStatementId: string;
  @ApiProperty({ enum: RELATION_TYPES, description: 'what the "from" statement does to the "to" statement' })
  @IsIn(RELATION_TYPES)
  type: RelationType;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
  @ReadOnly({ description: 'the start of the "from" statement' }) fromText: string;
  @ReadOnly({ description: 'the start of the "to" statement' }) toText: string;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
}

export class UpdateRelationDto extends PartialType(RelationDto) {}

export interface RelationFilter {
  id?: string[];
  statementId?: string[];
  fromStatementId?: string[];
  toStatementId?: string[];
  type?: RelationType[];
}
