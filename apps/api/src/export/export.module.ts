import { Module } from '@nestjs/common';
import { PositionsModule } from '../positions/positions.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

@Module({ imports: [PositionsModule], controllers: [ExportController], providers: [ExportService] })
export class ExportModule {}
