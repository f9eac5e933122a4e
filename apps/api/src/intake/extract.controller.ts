import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ExtractDto, ExtractResultDto } from './dto/intake.dto';
import { ExtractService } from './extract.service';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('extract')
export class ExtractController {
  constructor(private readonly extractor: ExtractService) {}

  @Post()
  @HttpCode(200)
  @MinRole('editor')
  @ApiOperation({
    summary: 'Candidate statements in a pasted article',
    description:
      'Quotations and reported statements (Arabic and English cues), with offsets into the posted text, the speaker mention and the ' +
      'person / actor it names (names and aliases after Arabic normalisation, metonyms included), and a suggested stance when the ' +
      'wording is clear. Rules and dictionaries only; nothing leaves the server. Runs on worker threads; at most EXTRACT_MAX_PER_USER ' +
      'extractions per user (then 429) and EXTRACT_MAX_PENDING in all (then 503), both with Retry-After.',
  })
  @ApiOkResponse({ type: ExtractResultDto })
  extract(@Body() dto: ExtractDto, @CurrentUser() user: AuthUser) {
    return this.extractor.extract(user.id, dto.text, dto.lang, dto.publishedOn);
  }
}
