import { checkPayload, type MessagePayloads } from '../contracts/message-payloads';
import { isMessageType, MESSAGE_EXCHANGE, type MessageType } from '../contracts/message-types';
import type { ConsumerQueueDefinition } from '../topology/consumer-queue-definition';
import { topicMatches } from '../topology/topic-pattern';
import { HandlerWiringError } from './handler-wiring.error';
import type { InboundMessage } from './inbound-message';
import { UnprocessableMessageError } from './unprocessable-message.error';

export type MessageHandler<TBody = unknown> = (message: InboundMessage<TBody>) => Promise<void>;

export interface ConsumedQueue {
  readonly queue: ConsumerQueueDefinition;
  /** Unacknowledged messages in flight for this queue's consumer; default: the app's prefetch. */
  readonly prefetch?: number;
}

interface Registration {
  readonly type: MessageType;
  readonly handler: MessageHandler<never>;
}

/**
 * What an app consumes and which handler takes which message type, declared in code and checked
 * as a whole before anything is consumed: the app refuses to start when a consumed queue has no
 * handler, when a type has two handlers on one queue, when handlers name a queue nobody consumes,
 * or when a queue's bindings can never bring a handled type. At run time a message of a type the
 * queue has no handler for, or whose body breaks its contract, is parked (never acked unseen,
 * never redelivered forever).
 */
export class MessageHandlerRegistry {
  private readonly consumed = new Map<string, ConsumedQueue>();
  private readonly registrations = new Map<string, Registration[]>();

  /** Declares that this app consumes `queue`. */
  consume(queue: ConsumerQueueDefinition, options: { prefetch?: number } = {}): this {
    this.consumed.set(queue.name, { queue, prefetch: options.prefetch });
    return this;
  }

  /** Registers the handler of one message type on one consumed queue (logical name or definition). */
  handle<T extends MessageType>(
    queue: ConsumerQueueDefinition | string,
    type: T,
    handler: MessageHandler<MessagePayloads[T]>,
  ): this {
    const name = typeof queue === 'string' ? queue : queue.name;
    const list = this.registrations.get(name) ?? [];
    list.push({ type, handler });
    this.registrations.set(name, list);
    return this;
  }

  /** Every wiring mistake, one line each; empty when the app may start. */
  problems(): string[] {
    const problems: string[] = [];
    for (const { queue } of this.consumed.values()) {
      const registrations = this.registrations.get(queue.name) ?? [];
      if (registrations.length === 0) {
        problems.push(`queue "${queue.name}" is consumed but has no handler`);
      }
      const counts = new Map<string, number>();
      for (const { type } of registrations) counts.set(type, (counts.get(type) ?? 0) + 1);
      for (const [type, count] of counts) {
        if (count > 1)
          problems.push(`type "${type}" has ${count} handlers on queue "${queue.name}"`);
      }
      for (const type of counts.keys()) {
        if (!isMessageType(type)) {
          problems.push(
            `queue "${queue.name}" has a handler for "${type}", which is not a message type`,
          );
        } else if (!canReceive(queue, type)) {
          problems.push(
            `queue "${queue.name}" has a handler for "${type}" but no binding that routes it there`,
          );
        }
      }
    }
    for (const name of this.registrations.keys()) {
      if (!this.consumed.has(name)) {
        problems.push(`handlers are registered for queue "${name}", which is not consumed`);
      }
    }
    return problems;
  }

  /** Throws MESSAGING_HANDLER_WIRING listing every problem. */
  validate(): void {
    const problems = this.problems();
    if (problems.length > 0) throw new HandlerWiringError(problems);
  }

  consumedQueues(): ConsumedQueue[] {
    return [...this.consumed.values()];
  }

  /**
   * The handler for one queue: picks the registration by message type and checks the body
   * against the type's contract first. Unknown types and contract breaches throw
   * UnprocessableMessageError, which the consumer host parks.
   */
  dispatcherFor(queueName: string): MessageHandler {
    return async (message) => {
      const registration = (this.registrations.get(queueName) ?? []).find(
        (r) => r.type === message.type,
      );
      if (!registration || !isMessageType(message.type)) {
        throw new UnprocessableMessageError(
          'MESSAGING_UNKNOWN_MESSAGE_TYPE',
          `Queue "${queueName}" has no handler for message type "${message.type}"`,
          { queue: queueName, type: message.type },
        );
      }
      const check = checkPayload(message.type, message.body);
      if (!check.ok) {
        throw new UnprocessableMessageError(
          'MESSAGING_PAYLOAD_INVALID',
          `Message ${message.messageId} (${message.type}) breaks its contract: ${check.problems.join('; ')}`,
          { type: message.type, problems: check.problems },
        );
      }
      await registration.handler(message as InboundMessage<never>);
    };
  }
}

function canReceive(queue: ConsumerQueueDefinition, type: MessageType): boolean {
  const exchange = MESSAGE_EXCHANGE[type];
  return queue.bindings.some(
    (binding) =>
      binding.exchange === exchange &&
      // Events are routed by type; delivery messages by agency code, whatever their type.
      (exchange !== 'events' || topicMatches(binding.routingKey, type)),
  );
}
