import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while a consumer handles one message carries. */
export interface MessageLogContext {
  /** The id that follows the dispatch from the gateway request through every app. */
  correlationId?: string;
  /** Which app's consumer is handling it (its AMQP connection name, e.g. docaxis-router). */
  consumer?: string;
}

const storage = new AsyncLocalStorage<MessageLogContext>();

/**
 * Runs `work` with `context` as the logging context: every log line written meanwhile, in any
 * async continuation, carries its fields (see LoggingModule's mixin).
 */
export function runInMessageContext<T>(context: MessageLogContext, work: () => T): T {
  return storage.run(context, work);
}

/** The fields to add to a log line written now (none outside a message). */
export function currentLogContext(): MessageLogContext {
  const context = storage.getStore();
  if (!context) return {};
  const fields: MessageLogContext = {};
  if (context.correlationId) fields.correlationId = context.correlationId;
  if (context.consumer) fields.consumer = context.consumer;
  return fields;
}
