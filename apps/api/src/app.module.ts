import { existsSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { LoadLimitsModule } from './common/load-limits';
import type { DatabaseChecks } from './database/database-checks';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './health/health.module';
import { IntakeModule } from './intake/intake.module';
import { UsersModule } from './users/users.module';
import { TagsModule } from './tags/tags.module';
import { ActorsModule } from './actors/actors.module';
import { EventsModule } from './events/events.module';
import { SourcesModule } from './sources/sources.module';
import { TopicsModule } from './topics/topics.module';
import { StatementsModule } from './statements/statements.module';
import { RelationsModule } from './relations/relations.module';
import { PositionsModule } from './positions/positions.module';
import { ExportModule } from './export/export.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, checks?: DatabaseChecks): DynamicModule {
    const admin = existsSync(`${config.adminDir}/index.html`)
      ? [ServeStaticModule.forRoot({ rootPath: config.adminDir, exclude: ['/api/{*path}'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, config.databasePool, config.databaseReadUrls, config.databaseTimeouts),
          migrationsRun: true,
        }),
        LoadLimitsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        HealthModule.forRoot(checks),
        TagsModule,
        // Before the resources it exports: `actors/export.csv` must not be taken for `actors/:id`.
        ExportModule,
        ActorsModule,
        TopicsModule,
        EventsModule,
        SourcesModule,
        StatementsModule,
        RelationsModule,
        IntakeModule,
        PositionsModule,
        ...admin,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
