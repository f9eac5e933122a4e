import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { SimilarQueryDto, SimilarStatementDto, SimilarTextDto } from './dto/intake.dto';
import { SimilarService } from './similar.service';

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class SimilarController {
  constructor(private readonly similar: SimilarService) {}

  @Get(':id/similar')
  @ApiOperation({ summary: 'Live statements whose wording (or a translation) is close to this one, best first' })
  @ApiOkResponse({ type: [SimilarStatementDto] })
  forStatement(@Param('id', ParseIdPipe) id: string, @Query() query: SimilarQueryDto) {
    return this.similar.forStatement(id, query);
  }

  @Post('similar')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a wording before saving it',
    description: 'Warns, never blocks: the editor may link the statement found (`repeats` relation) or save anyway.',
  })
  @ApiOkResponse({ type: [SimilarStatementDto] })
  forText(@Body() dto: SimilarTextDto) {
    return this.similar.forText(dto.text, dto.translations, { minScore: dto.minScore, limit: dto.limit, excludeId: dto.excludeId });
  }
}
