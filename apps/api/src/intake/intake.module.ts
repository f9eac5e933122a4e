import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { SourcesModule } from '../sources/sources.module';
import { TopicsModule } from '../topics/topics.module';
import { ExtractController } from './extract.controller';
import { ExtractService } from './extract.service';
import { ImportController } from './import.controller';
import { ImportService } from './import.service';
import { ReferenceImportController } from './reference-import.controller';
import { ReferenceImportService } from './reference-import.service';
import { SimilarController } from './similar.controller';
import { SimilarService } from './similar.service';

/** Getting content in: extraction from articles, the duplicate check, CSV import of statements, actors, topics and sources. */
@Module({
  imports: [ActorsModule, TopicsModule, SourcesModule],
  controllers: [ExtractController, SimilarController, ImportController, ReferenceImportController],
  providers: [ExtractService, SimilarService, ImportService, ReferenceImportService],
})
export class IntakeModule {}
