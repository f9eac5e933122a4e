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
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', db: 'up' } } })
  @ApiResponse({ status: 503, schema: { example: { status: 'error', db: 'down' } } })
  async check(): Promise<{ status: 'ok'; db: 'up' }> {
    try {
      await this.database.ping(HEALTH_TIMEOUT_MS);
    } catch {
      throw new HttpException({ status: 'error', db: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', db: 'up' };
  }
}
