import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { BlobStoreHealthIndicator } from './blob-store.health';
import { BrokerHealthIndicator } from './broker.health';
import { HEALTH_OPTIONS, type HealthOptions } from './health-options';
import { TrustStoreHealthIndicator } from './trust-store.health';

/**
 * GET /health/live: the process serves requests (restart it when this fails).
 * GET /health/ready: every dependency this app needs answers (take it out of rotation when
 * this fails: 503 with the failing checks).
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly broker: BrokerHealthIndicator,
    private readonly blobStore: BlobStoreHealthIndicator,
    private readonly trustStore: TrustStoreHealthIndicator,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    const { blobDir, crlDir, databaseTimeoutMs } = this.options;
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database', { timeout: databaseTimeoutMs ?? 2000 }),
      () => this.broker.check(),
    ];
    if (blobDir) checks.push(() => this.blobStore.check(blobDir));
    if (crlDir) checks.push(() => this.trustStore.check(crlDir));
    return this.health.check(checks);
  }
}
