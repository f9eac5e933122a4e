import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

const HEALTH_TIMEOUT_MS = 2000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability; no authentication' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', db: 'up' } } })
  @ApiResponse({ status: 503, schema: { example: { status: 'error', db: 'down' } } })
  async check(): Promise<{ status: 'ok'; db: 'up' }> {
    const ping = this.dataSource.query('SELECT 1');
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS).unref());
    try {
      await Promise.race([ping, timeout]);
    } catch {
      ping.catch(() => undefined);
      throw new HttpException({ status: 'error', db: 'down' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', db: 'up' };
  }
}
