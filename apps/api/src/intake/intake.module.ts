import { Module } from '@nestjs/common';
import { ExtractController } from './extract.controller';
import { ExtractService } from './extract.service';
import { SimilarController } from './similar.controller';
import { SimilarService } from './similar.service';

/** Getting statements in: extraction from articles and the duplicate check. */
@Module({ controllers: [ExtractController, SimilarController], providers: [ExtractService, SimilarService] })
export class IntakeModule {}
