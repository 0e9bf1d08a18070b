import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testAmqpUrl, testPrefix } from '@docaxis/messaging/testing/rabbitmq-test-kit';
import { MessagingTopology } from '@docaxis/messaging/topology/messaging-topology';
import { PdfVerifier } from '@docaxis/signature/verification/pdf-verifier';
import { PdfVerificationWorkerPool } from '@docaxis/signature/verification/worker-pool/pdf-verification-worker-pool';
import { axisAppEnv } from '@docaxis/testing/axis-app-env';
import { deletePrefix } from '@docaxis/testing/running-axis';
import { createTestDatabase } from '@docaxis/testing/test-database';
import { testPki } from '@docaxis/testing/test-pki';
import { testRunDir } from '@docaxis/testing/test-run';
import { loadVerifierConfig } from './config/verifier.config';
import { createVerifierApp } from './verifier-app.factory';

/** The verifier as production builds it, on real PostgreSQL and RabbitMQ. */
describe('verifier app with verification worker threads (real PostgreSQL and RabbitMQ)', () => {
  it('ends its worker threads when it closes', async () => {
    const prefix = testPrefix('verifier-app');
    const blobDir = join(testRunDir(), `blobs-verifier-app-${process.pid}`);
    mkdirSync(blobDir, { recursive: true });
    const env = {
      ...axisAppEnv({
        pki: await testPki(),
        databaseUrl: await createTestDatabase('verifier-app'),
        amqpUrl: testAmqpUrl(),
        amqpPrefix: prefix,
        blobDir,
        logLevel: 'error',
        gatewayPort: 0,
      }),
      VERIFIER_WORKERS: '1',
    };
    const app = await createVerifierApp(loadVerifierConfig(env));
    const topology = app.get(MessagingTopology);
    const queues = topology.declaredQueueNames();
    const exchanges = topology.declaredExchangeNames();
    const pool = app.get(PdfVerifier);
    try {
      expect(pool).toBeInstanceOf(PdfVerificationWorkerPool);
      expect((pool as PdfVerificationWorkerPool).workerCount).toBe(1);
    } finally {
      await app.close();
      await deletePrefix(prefix, queues, exchanges, testAmqpUrl());
    }
    expect((pool as PdfVerificationWorkerPool).workerCount).toBe(0);
  });
});
