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

  /**
   * Apart from the API's own health: the API answers without a worker (and starts before it), but
   * the cycles stand still, so an operator or a monitor asks this too.
   */
  @Get('worker')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'A worker has polled the task queue within the last two minutes' })
  @ApiServiceUnavailableResponse({
    description: 'No worker has polled the task queue lately, or Temporal is down',
  })
  @ApiOperation({ summary: 'Whether a worker is running: 200 when one polls the task queue, 503 otherwise' })
  worker() {
    return this.health.check([() => this.temporal.hasWorker('worker')]);
  }
}
