import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  CHANNELS,
  type Channel,
  RELATION_TYPES,
  STANCE_MAX,
  STANCE_MIN,
  STATEMENT_KINDS,
  type StatementFilter,
  type StatementKind,
  type StatementStatus,
  STATUSES,
} from '@stance/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsId, IsIsoDate, IsLangCode, IsLangMap, ReadOnly } from '../../common/validators';

/** Text limits (characters), documented in the README. The database CHECKs agree. */
export const STATEMENT_LIMITS = { text: 20_000, notes: 10_000, translations: 20, links: 100 } as const;

export class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** A position toward exactly one actor or one topic, from -2 (strongly opposes) to +2 (strongly supports). */
export class StanceDto {
  @ReadOnly({ format: 'uuid' }) id?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the actor the position is about (or targetTopicId)' })
  @IsOptional()
  @IsId()
  targetActorId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the topic the position is about (or targetActorId)' })
  @IsOptional()
  @IsId()
  targetTopicId?: string | null;
  @ApiProperty({ minimum: STANCE_MIN, maximum: STANCE_MAX, example: -2 }) @IsInt() @Min(STANCE_MIN) @Max(STANCE_MAX) value: number;
  @ReadOnly({ enum: ['actor', 'topic'] }) targetType?: 'actor' | 'topic';
  @ReadOnly() targetName?: string;
}

/** A relation seen from one statement. */
export class StatementLinkDto {
  @ApiProperty({ format: 'uuid', description: 'the relation' }) id: string;
  @ApiProperty({ enum: RELATION_TYPES }) type: string;
  @ApiProperty({ enum: ['outgoing', 'incoming'] }) direction: 'outgoing' | 'incoming';
  @ApiProperty({ format: 'uuid' }) otherStatementId: string;
  @ApiProperty({ description: 'the start of the other statement' }) otherText: string;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
}

export class StatementDto {
  @ReadOnly({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the wording as the source reports it', maxLength: STATEMENT_LIMITS.text })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(STATEMENT_LIMITS.text)
  text: string;
  @ApiProperty({ example: 'ar', description: 'BCP 47 language code of text' }) @IsLangCode() lang: string;
  @ApiPropertyOptional({
    example: { en: 'Azerbaijan announced…' },
    description: `language code → text; at most ${STATEMENT_LIMITS.translations} languages of ${STATEMENT_LIMITS.text} characters`,
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsLangMap({ maxEntries: STATEMENT_LIMITS.translations, maxLength: STATEMENT_LIMITS.text })
  translations?: Record<string, string>;
  @ApiPropertyOptional({ example: 'tr', nullable: true, description: 'the language the speaker used when text is a translation' })
  @IsOptional()
  @IsLangCode()
  originalLang?: string | null;
  @ApiProperty({ enum: STATEMENT_KINDS }) @IsIn(STATEMENT_KINDS) kind: StatementKind;
  @ApiPropertyOptional({ enum: CHANNELS, default: 'statement' }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the person who spoke' }) @IsOptional() @IsId() speakerId?:
    string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: "the body spoken for (never a person); when absent, the speaker's role on saidOn gives it",
  })
  @IsOptional()
  @IsId()
  actorId?: string | null;
  @ApiProperty({ format: 'date', example: '2023-09-19' }) @IsIsoDate() saidOn: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsId() sourceId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsId() eventId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the topics as a whole' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STATEMENT_LIMITS.links)
  @IsId({ each: true })
  topicIds?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'replaces the tags as a whole' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STATEMENT_LIMITS.links)
  @IsId({ each: true })
  tagIds?: string[];
  @ApiPropertyOptional({ type: [StanceDto], description: 'replaces the stances as a whole; one per target' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STATEMENT_LIMITS.links)
  @ValidateNested({ each: true })
  @Type(() => StanceDto)
  stances?: StanceDto[];
  @ApiPropertyOptional({ enum: STATUSES, default: 'draft' }) @IsOptional() @IsIn(STATUSES) status?: StatementStatus;
  @ApiPropertyOptional({ nullable: true, maxLength: STATEMENT_LIMITS.notes })
  @IsOptional()
  @IsString()
  @MaxLength(STATEMENT_LIMITS.notes)
  notes?: string | null;
  @ReadOnly({ description: 'bumped by every change; send it back with PUT' }) version: number;
  @ReadOnly() actorName: string;
  @ReadOnly({ type: [String], description: 'names from the top-level actor down to actorName' }) actorPath: string[];
  @ReadOnly({ nullable: true }) speakerName: string | null;
  @ReadOnly({ nullable: true }) sourceOutlet: string | null;
  @ReadOnly({ nullable: true }) sourceTitle: string | null;
  @ReadOnly({ nullable: true }) eventName: string | null;
  @ReadOnly({ type: [NamedRefDto] }) topics: NamedRefDto[];
  @ReadOnly({ type: [NamedRefDto] }) tags: NamedRefDto[];
  @ReadOnly({ type: [StatementLinkDto], description: 'GET of one statement only: relations in both directions' })
  relations?: StatementLinkDto[];
  @ReadOnly({
    type: 'object',
    additionalProperties: true,
    description:
      'with a full-text `q` only (list filter, or `?q=` on GET of one): `{text, translations: {<lang>: …}}`, the text and the translations that matched, HTML-escaped, the matching words in `<mark>`',
  })
  highlight?: { text: string; translations: Record<string, string> };
  @ReadOnly({ format: 'uuid', nullable: true }) createdBy: string | null;
  @ReadOnly({ format: 'uuid', nullable: true }) updatedBy: string | null;
  @ReadOnly({ format: 'date-time' }) createdAt: Date;
  @ReadOnly({ format: 'date-time' }) updatedAt: Date;
  @ReadOnly({ format: 'date-time', nullable: true, description: 'set while the statement is deleted (restorable)' }) deletedAt: Date | null;
}

export class UpdateStatementDto extends PartialType(OmitType(StatementDto, ['version'] as const)) {
  @ApiProperty({ description: 'the version the edit is based on, as GET returned it; a stale one is a 409 with the current record' })
  @IsInt()
  @Min(1)
  version: number;
}

/** The list filter: the shared statement filter, plus `deleted: true` to list the deleted statements (the trash). */
export interface StatementListFilter extends StatementFilter {
  deleted?: boolean;
  /** With a full-text `q`: rows carry `highlight` (asked for, as marking a page costs more than choosing it). */
  highlight?: boolean;
}

/** `POST /api/statements/batch`: several statements saved in one transaction (all or none). */
export class CreateStatementsDto {
  @ApiProperty({ type: [StatementDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => StatementDto)
  statements: StatementDto[];
}
