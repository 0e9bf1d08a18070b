/**
 * The sending side of `bench:submission`, in a process of its own so that its TLS and multipart
 * work is not counted as the gateway's. Reads its set-up from the JSON file named by argv[2],
 * warms up, tells the parent (IPC) it is about to measure, sends, and reports when done.
 */
import { readFileSync } from 'node:fs';
import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { GatewayClient } from '../axis/gateway-client';
import type { SubmissionBenchRequest } from './submission-bench-arguments';

export interface SubmissionClientSetup {
  gatewayUrl: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  senderCode: string;
  recipientCodes: string[];
  pdfPaths: string[];
  measure: SubmissionBenchRequest;
  warmup: number;
  count: number;
  concurrency: number;
}

async function encodedSubmission(setup: SubmissionClientSetup, pdfs: Buffer[], number: number) {
  const form = new FormData();
  form.set(
    'envelope',
    JSON.stringify(
      envelopeJson(setup.senderCode, setup.recipientCodes, {
        code: { codeNumber: String(number), codeNotation: 'BENCH-SUB' },
      }),
    ),
  );
  pdfs.forEach((bytes, index) =>
    form.append('files', new Blob([bytes], { type: 'application/pdf' }), `file-${index}.pdf`),
  );
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type') ?? '',
    body: Buffer.from(await encoded.arrayBuffer()),
  };
}

async function main(): Promise<void> {
  const setup = JSON.parse(readFileSync(process.argv[2], 'utf8')) as SubmissionClientSetup;
  const pdfs = setup.pdfPaths.map((path) => readFileSync(path));
  const client = new GatewayClient(
    setup.gatewayUrl,
    setup.caPem,
    { certPem: setup.certPem, keyPem: setup.keyPem },
    setup.concurrency,
  );
  // Bodies are encoded before the measured window: only the sending is inside it.
  const total = setup.warmup + setup.count;
  const polls = setup.measure === 'inbox-polls';
  const bodies = polls
    ? []
    : await Promise.all(
        Array.from({ length: total }, (_, i) => encodedSubmission(setup, pdfs, 10_000 + i)),
      );
  let next = 0;
  const send = async (until: number) => {
    while (next < until) {
      const index = next++;
      // The sender's own inbox: nothing is ever delivered to it, so every poll is empty.
      if (polls) {
        await client.expect(200, 'GET', '/inbox?limit=10');
        continue;
      }
      const { contentType, body } = bodies[index];
      await client.expect(
        202,
        'POST',
        '/dispatches',
        { 'content-type': contentType, 'idempotency-key': `bench-submission-${index}` },
        body,
      );
    }
  };
  const round = (until: number) =>
    Promise.all(Array.from({ length: setup.concurrency }, () => send(until)));
  await round(setup.warmup);
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ kind: 'warm' });
  });
  const started = performance.now();
  await round(total);
  process.send!({ kind: 'done', ms: performance.now() - started });
  client.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
