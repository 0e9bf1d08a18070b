import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { AxisMetrics } from './axis-metrics';
import { registerBacklogGauges } from './backlog-gauges';
import { MetricsController } from './metrics.controller';

export interface MetricsOptions {
  appName: string;
  /** Report the outbox and parked-message tables (false where the database role may not read them). */
  databaseBacklog: boolean;
}

/** /metrics for an app, and the AxisMetrics its use cases move. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: AxisMetrics,
          inject: [AmqpConnection, MessagingTopology, DataSource],
          useFactory: (
            connection: AmqpConnection,
            topology: MessagingTopology,
            dataSource: DataSource,
          ) => {
            const metrics = new AxisMetrics(options.appName);
            registerBacklogGauges(metrics.registry, {
              connection,
              topology,
              dataSource: options.databaseBacklog ? dataSource : undefined,
            });
            return metrics;
          },
        },
      ],
      exports: [AxisMetrics],
    };
  }
}
