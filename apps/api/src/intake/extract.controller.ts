import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/auth.decorators';
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
      'wording is clear. Rules and dictionaries only; nothing leaves the server.',
  })
  @ApiOkResponse({ type: ExtractResultDto })
  extract(@Body() dto: ExtractDto) {
    return this.extractor.extract(dto.text, dto.lang);
  }
}
