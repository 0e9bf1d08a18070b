import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitCounterRepository } from '@docaxis/persistence/rate-limit/rate-limit-counter.repository';
import type { GatewayConfig } from '../config/gateway.config';
import { AgencyThrottlerGuard } from './agency-throttler.guard';
import { SharedThrottlerStorage } from './shared-throttler.storage';

/**
 * Per-agency request budget on every gateway route (RATE_LIMIT_PER_AGENCY per
 * RATE_LIMIT_WINDOW_MS), counted in PostgreSQL for all instances or in memory per instance
 * (RATE_LIMIT_STORE).
 */
@Module({})
export class RateLimitModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [RateLimitCounterRepository],
          useFactory: (counters: RateLimitCounterRepository) => ({
            throttlers: [
              {
                name: 'default',
                ttl: config.RATE_LIMIT_WINDOW_MS,
                // The module wants a positive limit even when limiting is off (the guard skips).
                limit: Math.max(1, config.RATE_LIMIT_PER_AGENCY),
              },
            ],
            // Absent: the library's in-memory storage, per instance.
            storage:
              config.RATE_LIMIT_STORE === 'postgres'
                ? new SharedThrottlerStorage(counters)
                : undefined,
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AgencyThrottlerGuard }],
    };
  }
}
