import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AmqpConnection } from '@docaxis/messaging/connection/amqp-connection';

/** Up while the app's RabbitMQ connection is open and the broker is not blocking it. */
@Injectable()
export class BrokerHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly connection: AmqpConnection,
  ) {}

  check() {
    const session = this.health.check('broker');
    const state = this.connection.health();
    const data = {
      connected: state.connected,
      blocked: state.blocked,
      connectCount: state.connectCount,
      ...(state.lastDisconnectReason ? { lastDisconnectReason: state.lastDisconnectReason } : {}),
    };
    return state.connected && !state.blocked ? session.up(data) : session.down(data);
  }
}
