import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { DatabasePing } from './database-ping';

const HEALTH_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabasePing) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability; no authentication' })
  @ApiResponse({
    status: 200,
    description: 'the database answers; `busy` only while requests wait for a database connection (the server is loaded, not down)',
    schema: { example: { status: 'ok', db: 'up' } },
  })
  @ApiResponse({ status: 503, schema: { example: { status: 'error', db: 'down' } } })
  async check(): Promise<{ status: 'ok'; db: 'up'; busy?: ReturnType<DatabasePing['poolLoad']> }> {
    try {
      await this.database.ping(HEALTH_TIMEOUT_MS);
    } catch {
      throw new HttpException({ status: 'error', db: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    const load = this.database.poolLoad();
    return load.waiting > 0 ? { status: 'ok', db: 'up', busy: load } : { status: 'ok', db: 'up' };
  }
}
