import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { DATABASE_CHECKS, DatabaseChecks } from '../database/database-checks';
import { DatabasePing } from './database-ping';

const HEALTH_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabasePing,
    @Inject(DATABASE_CHECKS) private readonly checks: DatabaseChecks | null,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Liveness and database reachability; no authentication',
    description:
      'With DATABASE_URL, `checks` also says what the start found about that database (version, extensions, ' +
      'whether search sees Arabic letters): `ok: false` marks a degraded install, `detail` says why and how to fix it.',
  })
  @ApiResponse({
    status: 200,
    description: 'the database answers; `busy` only while requests wait for a database connection (the server is loaded, not down)',
    schema: {
      example: {
        status: 'ok',
        db: 'up',
        checks: {
          serverVersion: { ok: true, detail: 'PostgreSQL 16.4' },
          extensions: { ok: true, detail: 'pg_trgm available' },
          arabicSearch: { ok: false, detail: 'database at db:5432/stance has LC_CTYPE C, under which pg_trgm sees no Arabic letter: …' },
        },
      },
    },
  })
  @ApiResponse({ status: 503, schema: { example: { status: 'error', db: 'down' } } })
  async check(): Promise<{ status: 'ok'; db: 'up'; busy?: ReturnType<DatabasePing['poolLoad']>; checks?: DatabaseChecks }> {
    try {
      await this.database.ping(HEALTH_TIMEOUT_MS);
    } catch {
      throw new HttpException({ status: 'error', db: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    const load = this.database.poolLoad();
    return { status: 'ok', db: 'up', ...(load.waiting > 0 ? { busy: load } : {}), ...(this.checks ? { checks: this.checks } : {}) };
  }
}
