import { type DynamicModule, Module } from '@nestjs/common';
import { messagingOptionsFromEnv } from '@docaxis/messaging/messaging-env';
import { MessagingModule } from '@docaxis/messaging/messaging.module';
import { HealthModule } from '@docaxis/observability/health/health.module';
import { LoggingModule } from '@docaxis/observability/logging.module';
import { MetricsModule } from '@docaxis/observability/metrics/metrics.module';
import { PersistenceModule } from '@docaxis/persistence/persistence.module';
import { ROUTER_CONFIG, type RouterConfig } from './config/router.config';
import { AgencyInboxConsumers } from './delivery/agency-inbox.consumers';
import { DirectoryChangeConsumer } from './delivery/directory-change.consumer';
import { DeliverToInboxUseCase } from './delivery/deliver-to-inbox.usecase';
import { ParkedMessageCollector } from './parking/parked-message-collector';
import { RouteDispatchUseCase } from './routing/route-dispatch.usecase';
import { RoutingConsumer } from './routing/routing.consumer';
import { DeliverStatusNoticeUseCase } from './status-notices/deliver-status-notice.usecase';
import { StatusNoticeDeliveryConsumer } from './status-notices/status-notice-delivery.consumer';

/**
 * Fans verified dispatches out to recipient agencies and delivers them into their inboxes; files
 * parked messages for the operators.
 */
@Module({})
export class RouterModule {
  static forRoot(config: RouterConfig): DynamicModule {
    return {
      module: RouterModule,
      imports: [
        LoggingModule.forRoot({
          appName: 'router',
          level: config.LOG_LEVEL,
          pretty: config.LOG_PRETTY,
          file: config.LOG_FILE,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          applicationName: 'docaxis-router',
        }),
        MessagingModule.forRoot({
          ...messagingOptionsFromEnv(config, 'docaxis-router'),
        }),
        HealthModule.forRoot({}),
        MetricsModule.forRoot({ appName: 'router', databaseBacklog: true }),
      ],
      providers: [
        { provide: ROUTER_CONFIG, useValue: config },
        RouteDispatchUseCase,
        DeliverToInboxUseCase,
        RoutingConsumer,
        AgencyInboxConsumers,
        DirectoryChangeConsumer,
        ParkedMessageCollector,
        DeliverStatusNoticeUseCase,
        StatusNoticeDeliveryConsumer,
      ],
    };
  }
}
