import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'The database and Temporal are both reachable' })
  @ApiServiceUnavailableResponse({
    description: 'The database or Temporal is unreachable; the body says which',
  })
  @ApiOperation({
    summary: 'Reachability of the database and of Temporal (200 when both are up, 503 otherwise)',
  })
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 3000 }),
      () => this.temporal.isHealthy('temporal'),
    ]);
  }
}
