import { Module } from '@nestjs/common';
import { PositionsController } from './positions.controller';
import { PositionsQuery } from './positions.query';
import { PositionsService } from './positions.service';

@Module({ controllers: [PositionsController], providers: [PositionsService, PositionsQuery], exports: [PositionsQuery] })
export class PositionsModule {}
