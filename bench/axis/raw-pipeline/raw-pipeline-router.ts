/**
 * The raw pipeline's router: consumes "dispatch accepted" from the quorum queue and puts each
 * dispatch in its recipients' inboxes, many messages per statement (one round trip and one
 * commit for whatever arrived meanwhile), audits the deliveries in the same statement, wakes the
 * recipients' long-polls (NOTIFY, sent at commit) and acknowledges the messages after the commit.
 * One process, no framework; `raw-pipeline-front.ts` says what the pipeline is for.
 */
import { connect, type ConsumeMessage } from 'amqplib';
import { Client } from 'pg';
import { readRawPipelineConfig } from './raw-pipeline-config';

async function runRouter(): Promise<void> {
  const config = readRawPipelineConfig();
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const amqp = await connect(config.amqpUrl);
  const channel = await amqp.createChannel();
  await channel.assertQueue(config.queue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.prefetch(200);

  let arrived: ConsumeMessage[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    if (flushing || arrived.length === 0) return;
    flushing = true;
    const batch = arrived;
    arrived = [];
    const dispatchIds = batch.map(
      (message) =>
        (JSON.parse(message.content.toString('utf8')) as { dispatchId: string }).dispatchId,
    );
    await db.query(
      `WITH delivered AS (
         UPDATE raw_pipeline.deliveries SET inbox_sequence = nextval('raw_pipeline.inbox_sequence')
          WHERE dispatch_id = ANY($1::uuid[]) AND inbox_sequence IS NULL
          RETURNING dispatch_id, recipient
       ), audited AS (
         INSERT INTO raw_pipeline.audit_events (dispatch_id, agency, type)
         SELECT dispatch_id, recipient, 'dispatch.delivered' FROM delivered
       )
       SELECT pg_notify('raw_pipeline_inbox', string_agg(DISTINCT recipient, ','))
         FROM delivered`,
      [dispatchIds],
    );
    channel.ack(batch[batch.length - 1], true);
    flushing = false;
    void flush().catch(fail);
  };
  const fail = (error: unknown): void => {
    console.error(error);
    process.exit(1);
  };
  await channel.consume(config.queue, (message) => {
    if (!message) return;
    arrived.push(message);
    void flush().catch(fail);
  });
  process.send?.({ ready: [process.pid] });
}

runRouter().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
