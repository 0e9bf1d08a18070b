import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { GatewayConfig } from '../config/gateway.config';
import { AgencyThrottlerGuard } from './agency-throttler.guard';

/** Per-agency request budget on every gateway route (RATE_LIMIT_PER_AGENCY per RATE_LIMIT_WINDOW_MS). */
@Module({})
export class RateLimitModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            {
              name: 'default',
              ttl: config.RATE_LIMIT_WINDOW_MS,
              // The module wants a positive limit even when limiting is off (the guard skips).
              limit: Math.max(1, config.RATE_LIMIT_PER_AGENCY),
            },
          ],
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AgencyThrottlerGuard }],
    };
  }
}
