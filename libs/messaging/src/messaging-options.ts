import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { AmqpConnectionSettings } from './connection/amqp-connection';
import type { OutboxRelaySettings } from './outbox/outbox-relay';

export interface MessagingModuleOptions {
  /** AMQP_URL. */
  url: string;
  /** AMQP_PREFIX: first part of every exchange and queue name. Default `docaxis`. */
  prefix?: string;
  /** AMQP_PREFETCH: unacknowledged messages per consumer. Default 200. */
  prefetch?: number;
  /** A publish not confirmed in this time rejects. Default 10 s. */
  publishTimeoutMs?: number;
  /** Returns of a failing message before it is parked. Default 5 (so 6 deliveries). */
  deliveryLimit?: number;
  /** Delays before each retry of a failed message (AMQP_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** Connection name (rabbitmqctl) and AMQP app-id. Default `docaxis`. */
  appName?: string;
  reconnect?: AmqpConnectionSettings['reconnect'];
  /**
   * Relay settings, or `false` for an app that writes no outbox rows (no polling then); an app
   * that writes them rarely sets `pollsWhenIdle: false` and nudges the relay after each commit.
   */
  relay?: OutboxRelaySettings | false;
  /** How long shutdown waits for running handlers. Default 30 s. */
  stopTimeoutMs?: number;
  /** Token of the TypeORM DataSource the relay reads the outbox from. Default: the `DataSource` class. */
  dataSourceToken?: InjectionToken;
}

export interface MessagingModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...args: never[]) => MessagingModuleOptions | Promise<MessagingModuleOptions>;
  /** Must be known before the factory runs, as it is a provider's token. */
  dataSourceToken?: InjectionToken;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
