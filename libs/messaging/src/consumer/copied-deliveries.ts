import type { ConsumeMessage } from 'amqplib';
import { attemptOf } from './parking-headers';

/** How many copied deliveries are remembered; the oldest are forgotten first. */
const DEFAULT_CAPACITY = 10_000;

/**
 * Deliveries the consumer host sent on as a copy (to a retry step, or parked), remembered with
 * the outcome of the copy's publish. The original is acked only after its copy is confirmed; if
 * its channel closes in between, the ack is lost and the broker redelivers the original. Handled
 * again, it would become a second copy: a second retry chain, a second parked row. A redelivery
 * of a delivery whose copy was confirmed (or is still being published, then confirmed) is instead
 * acked as it stands.
 *
 * A delivery is named by its queue, message id and attempt (the redelivered original carries the
 * same headers as the one copied). Only redeliveries are matched, and a fresh delivery of the same
 * name (an operator's redrive, a publisher's retry) makes it forgotten: a new publish of a message
 * is handled afresh. Remembered in this process only: if it dies between the copy's confirm and
 * the ack, the instance that gets the redelivery makes a second copy, which the idempotent
 * consumers (inbox/run-once.ts) make harmless to process.
 */
export class CopiedDeliveries {
  /** Name → whether the copy was confirmed (pending while its publish is). Insertion-ordered. */
  private readonly copies = new Map<string, Promise<boolean>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Remembers the copy being published for `delivery`; forgets it if the publish fails. */
  track(queue: string, delivery: ConsumeMessage, publish: Promise<void>): void {
    const name = nameOf(queue, delivery);
    if (!name) return;
    const confirmed = publish.then(
      () => true,
      () => {
        if (this.copies.get(name) === confirmed) this.copies.delete(name);
        return false;
      },
    );
    this.copies.delete(name); // re-inserted last: the newest is the last forgotten
    this.copies.set(name, confirmed);
    if (this.copies.size > this.capacity) {
      this.copies.delete(this.copies.keys().next().value as string);
    }
  }

  /**
   * Whether `delivery` is the redelivered original of a copy the broker confirmed (waiting for
   * the copy's publish if it is still under way). A fresh delivery of the same message forgets it.
   */
  async isCopied(queue: string, delivery: ConsumeMessage): Promise<boolean> {
    const name = nameOf(queue, delivery);
    if (!name) return false;
    if (!delivery.fields.redelivered) {
      this.copies.delete(name);
      return false;
    }
    const confirmed = this.copies.get(name);
    return confirmed ? await confirmed : false;
  }
}

function nameOf(queue: string, delivery: ConsumeMessage): string | undefined {
  const { messageId, headers } = delivery.properties as {
    messageId?: unknown;
    headers?: Record<string, unknown>;
  };
  if (typeof messageId !== 'string' || messageId === '') return undefined;
  return JSON.stringify([queue, messageId, attemptOf(headers)]);
}
