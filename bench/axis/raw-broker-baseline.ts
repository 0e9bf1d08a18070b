import { connect } from 'amqplib';
import { performance } from 'node:perf_hooks';

export interface RawBrokerResult {
  messages: number;
  messageBytes: number;
  elapsedSeconds: number;
  perSecond: number;
}

/**
 * What the broker alone sustains: amqplib publishing persistent messages of `messageBytes` with
 * publisher confirms to a quorum queue (the queue type docaxis uses) while a consumer with manual
 * acks and a prefetch drains it, for `seconds`. Counts consumed-and-acked messages; the queue is
 * deleted afterwards.
 */
export async function measureRawBroker(
  amqpUrl: string,
  queue: string,
  messageBytes: number,
  seconds: number,
): Promise<RawBrokerResult> {
  const connection = await connect(amqpUrl);
  try {
    const publisher = await connection.createConfirmChannel();
    const consumer = await connection.createChannel();
    await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await consumer.prefetch(200);
    let consumed = 0;
    await consumer.consume(
      queue,
      (message) => {
        if (!message) return;
        consumer.ack(message);
        consumed++;
      },
      { noAck: false },
    );

    const body = Buffer.alloc(messageBytes, 'x');
    const start = performance.now();
    const deadline = start + seconds * 1000;
    // Keep a window of unconfirmed messages in flight, as docaxis's outbox relay does with a batch.
    const window = 200;
    let published = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < window; i++) publisher.sendToQueue(queue, body, { persistent: true });
      await publisher.waitForConfirms();
      published += window;
    }
    while (consumed < published && performance.now() < deadline + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const elapsedSeconds = (performance.now() - start) / 1000;
    await consumer.close();
    await publisher.deleteQueue(queue);
    await publisher.close();
    return {
      messages: consumed,
      messageBytes,
      elapsedSeconds,
      perSecond: consumed / elapsedSeconds,
    };
  } finally {
    await connection.close();
  }
}
