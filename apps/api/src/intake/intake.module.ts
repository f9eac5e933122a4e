import { Module } from '@nestjs/common';
import { ExtractController } from './extract.controller';
import { ExtractService } from './extract.service';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';
import { SimilarController } from './similar.controller';
import { SimilarService } from './similar.service';

/** Getting statements in: extraction from articles, the duplicate check, CSV import. */
@Module({
  controllers: [ExtractController, SimilarController, ImportController],
  providers: [ExtractService, SimilarService, ImportService],
})
export class IntakeModule {}
