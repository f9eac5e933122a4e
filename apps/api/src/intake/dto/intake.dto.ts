import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

export class ExtractDto {
  @ApiProperty({ description: 'the plain text of an article, Arabic or English', maxLength: 200000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200000)
  text: string;

  @ApiPropertyOptional({ example: 'ar', description: 'BCP 47; decides sentences that mix scripts evenly' })
  @IsOptional()
  @IsString()
  @Matches(LANG, { message: 'lang must be a language code such as ar or en' })
  lang?: string;

  @ApiPropertyOptional({
    example: '2023-09-19',
    description: "the source's published date: anchors “on Tuesday” and “yesterday” for suggestedSaidOn",
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'publishedOn must be a date YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date YYYY-MM-DD' })
  publishedOn?: string;
}

export class SuggestedDateDto {
  @ApiProperty({ example: '2023-09-19' }) date: string;
  @ApiProperty({ enum: ['date', 'weekday', 'relative', 'published'], description: 'what the date was read from' }) basis: string;
  @ApiProperty({ enum: [true] }) suggestion: true;
}

export class SuggestedStanceDto {
  @ApiProperty({ enum: ['support', 'oppose', 'call_for'] }) direction: 'support' | 'oppose' | 'call_for';
  @ApiProperty({ type: Number, nullable: true, description: '-2..+2; null for a call, which has a direction only' }) value: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the actor condemned or supported, when named' })
  targetActorId: string | null;
  @ApiProperty({ enum: [true], description: 'always true: the editor confirms or changes it' }) suggestion: true;
}

export class CandidateDto {
  @ApiProperty({ description: 'equals `text.slice(start, end)` of the posted text' }) text: string;
  @ApiProperty({ description: 'JavaScript string offset (UTF-16 code units)' }) start: number;
  @ApiProperty() end: number;
  @ApiProperty({ enum: ['quote', 'paraphrase'] }) kind: 'quote' | 'paraphrase';
  @ApiProperty({ description: 'how the article names the speaker ("" when nothing could be found)' }) mention: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the person who spoke' }) speakerId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the body spoken for (a person: their role on today’s date)' })
  actorId: string | null;
  @ApiProperty({ description: 'the reporting word (قالت, said, according to); "" for a quote standing alone' }) cue: string;
  @ApiPropertyOptional({ type: SuggestedStanceDto }) suggestedStance?: SuggestedStanceDto;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'how sure the pattern that found it is' }) confidence: number;
  @ApiProperty({ type: String, nullable: true, description: 'a person the database does not know: the name the article gives' })
  speakerName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'their title as written ("Kremlin spokesman")' }) speakerTitle: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the body their title names, for the new person’s role' })
  suggestedBodyId: string | null;
  @ApiProperty({ type: SuggestedDateDto, nullable: true, description: 'when it was said, a suggestion' })
  suggestedSaidOn: SuggestedDateDto | null;
}

export class ExtractResultDto {
  @ApiProperty({ type: [CandidateDto] }) candidates: CandidateDto[];
}

export class SimilarQueryDto {
  @ApiPropertyOptional({ minimum: 0.1, maximum: 1, default: 0.3, description: 'least trigram similarity of the normalised texts' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.1)
  @Max(1)
  minScore?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class SimilarTextDto extends SimilarQueryDto {
  @ApiProperty({ description: 'the wording about to be saved', maxLength: 20000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  text: string;

  @ApiPropertyOptional({ example: 'ar' })
  @IsOptional()
  @IsString()
  @Matches(LANG, { message: 'lang must be a language code such as ar or en' })
  lang?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'translations, compared too' })
  @IsOptional()
  @IsObject()
  translations?: Record<string, string>;

  @ApiPropertyOptional({ format: 'uuid', description: 'the statement being edited, left out of the answer' })
  @IsOptional()
  @IsUUID()
  excludeId?: string;
}

export class SimilarStatementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty() lang: string;
  @ApiProperty({ enum: ['quote', 'paraphrase'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) speakerId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) sourceId: string | null;
  @ApiProperty({ type: String, nullable: true }) sourceTitle: string | null;
  @ApiProperty({ example: '2023-09-19' }) saidOn: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiProperty({
    description: '0..1: trigram similarity of the normalised wordings (text or a translation) or of their Arabic light stems, best pair',
  })
  score: number;
  @ApiProperty({ description: 'which wording of the match was closest: `text` or a translation language code' }) matchedOn: string;
  @ApiProperty({
    enum: ['same text', 'translation', 'similar wording'],
    description:
      '`same text`: the normalised wordings are identical; `translation`: a translation on either side matched; else `similar wording`',
  })
  reason: 'same text' | 'translation' | 'similar wording';
}
