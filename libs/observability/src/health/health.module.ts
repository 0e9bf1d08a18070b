import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BlobStoreHealthIndicator } from './blob-store.health';
import { BrokerHealthIndicator } from './broker.health';
import { HealthController } from './health.controller';
import { HEALTH_OPTIONS, type HealthOptions } from './health-options';
import { TrustStoreHealthIndicator } from './trust-store.health';

/** /health/live and /health/ready (terminus) for any app with a database and a broker. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      // Terminus logs failing checks as one JSON line through the app's logger.
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_OPTIONS, useValue: options },
        BrokerHealthIndicator,
        BlobStoreHealthIndicator,
        TrustStoreHealthIndicator,
      ],
    };
  }
}
