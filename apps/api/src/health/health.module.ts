import { DynamicModule, Module } from '@nestjs/common';
import { DATABASE_CHECKS, DatabaseChecks } from '../database/database-checks';
import { DatabasePing } from './database-ping';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  /** `checks`: what the start found about an external database (none for the embedded one). */
  static forRoot(checks?: DatabaseChecks): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [DatabasePing, { provide: DATABASE_CHECKS, useValue: checks ?? null }],
    };
  }
}
