import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The metrics of one app instance, in a registry of its own: prom-client's global registry
 * would make two apps in one process (tests, the scale-out harness) collide on metric names.
 * Every app exposes the same catalogue; each moves the series that concern it.
 */
export class AxisMetrics {
  readonly registry = new Registry();

  /** Dispatches answered 202 by the gateway (replays not counted twice). */
  readonly dispatchesAccepted = new Counter({
    name: 'docaxis_dispatches_accepted_total',
    help: 'Dispatches durably accepted by the gateway',
    registers: [this.registry],
  });

  /** Refused at the door (stage=submission) or after signature verification (stage=verification). */
  readonly dispatchesRejected = new Counter({
    name: 'docaxis_dispatches_rejected_total',
    help: 'Dispatches refused, by stage and stable error code',
    labelNames: ['stage', 'reason'] as const,
    registers: [this.registry],
  });

  readonly verificationOutcomes = new Counter({
    name: 'docaxis_verification_outcomes_total',
    help: 'Signature verdicts on dispatches: verified, or the rejection code',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'docaxis_deliveries_total',
    help: "Dispatches delivered into a recipient agency's inbox (once per recipient)",
    registers: [this.registry],
  });

  readonly deliveryLatency = new Histogram({
    name: 'docaxis_dispatch_delivery_seconds',
    help: 'End-to-end latency from acceptance by the gateway to delivery into an inbox',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [this.registry],
  });

  /** Pauses of waiting inbox long-polls ended by a delivery to their agency (PostgreSQL NOTIFY). */
  readonly inboxWakeups = new Counter({
    name: 'docaxis_inbox_wakeups_total',
    help: 'Waiting GET /inbox long-polls woken to look again by a delivery (or the listener reconnecting)',
    registers: [this.registry],
  });

  /**
   * Webhooks the notifier stopped because retrying could not help (the host resolves to an
   * address webhooks may not reach): each needs the agency to act, and an operator may ask it to.
   */
  readonly webhooksDeactivated = new Counter({
    name: 'docaxis_webhooks_deactivated_total',
    help: 'Webhooks deactivated by the notifier, by deactivation code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(appName: string) {
    this.registry.setDefaultLabels({ app: appName });
    collectDefaultMetrics({ register: this.registry, prefix: 'docaxis_' });
  }
}
