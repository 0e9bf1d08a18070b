/**
 * `npm run demo`: a scripted exchange between three development agencies, against the service
 * started with `npm start`. Văn phòng Chính phủ sends a công văn (signed by its leader, then
 * sealed by the agency) with an appendix to UBND tỉnh Nghệ An and Sở TT&TT Đồng Tháp; both fetch
 * and acknowledge. A tampered copy is refused. Prints the delivery states and the audit trail.
 *
 * GATEWAY_URL (default https://localhost:8443) and CERTS_DIR (default certs/dev) may be set.
 */
import { resolve } from 'node:path';
import superagent from 'superagent';
import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { loadDevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { flipByteInSignedRange } from '@docaxis/signature/testing/pdf-tampering';
import {
  DEMO_RECIPIENTS as RECIPIENTS,
  DEMO_SENDER as SENDER,
  demoEnvelope,
  demoPdfs,
  freshDispatchNumber,
} from './demo-dispatch';

const gatewayUrl = process.env.GATEWAY_URL ?? 'https://localhost:8443';
const pki: DevPki = loadDevPki(resolve(process.env.CERTS_DIR ?? 'certs/dev'));

interface DispatchView {
  state: string;
  rejection: { code: string; message: string } | null;
  files: {
    id: string;
    fileName: string;
    sizeBytes: number;
    verification: {
      indication: string;
      signatures: { signer: { commonName?: string; kind: string; agencyCode?: string } }[];
    } | null;
  }[];
  recipients: {
    agencyCode: string;
    state: string;
    deliveredAt: string | null;
    fetchedAt: string | null;
    acknowledgedAt: string | null;
  }[];
}

function as(agencyCode: string) {
  const client = pki.agency(agencyCode).client;
  const prepare = (request: superagent.SuperAgentRequest) =>
    request
      .ca(pki.server.caBundlePem)
      .key(client.keyPem)
      .cert(client.certPem)
      .ok(() => true);
  return {
    get: (path: string) => prepare(superagent.get(`${gatewayUrl}/api/v1${path}`)),
    post: (path: string) => prepare(superagent.post(`${gatewayUrl}/api/v1${path}`)),
  };
}

async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

async function send(number: string, files: { name: string; bytes: Buffer }[]): Promise<string> {
  let request = as(SENDER)
    .post('/dispatches')
    .field('envelope', JSON.stringify(demoEnvelope(pki, number)));
  for (const file of files)
    request = request.attach('files', file.bytes, {
      filename: file.name,
      contentType: 'application/pdf',
    });
  const response = await request;
  if (response.status !== 202)
    throw new Error(`Send refused: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { dispatchId: string }).dispatchId;
}

async function main(): Promise<void> {
  try {
    await as(SENDER).get('/inbox');
  } catch {
    console.error(
      `The gateway does not answer at ${gatewayUrl}. Start the service first: npm start`,
    );
    process.exit(2);
  }
  const number = freshDispatchNumber();

  console.log(
    `\n1. ${pki.agency(SENDER).name} sends công văn ${number}/VPCP-KSTT to ${RECIPIENTS.join(', ')}`,
  );
  const pdfs = await demoPdfs(pki, number);
  const dispatchId = await send(number, pdfs);
  console.log(`   accepted: ${dispatchId}`);

  const delivered = await until(
    async () => (await as(SENDER).get(`/dispatches/${dispatchId}`)).body as DispatchView,
    (view) => view.state === 'rejected' || view.recipients.every((r) => r.state === 'delivered'),
    'delivery',
  );
  if (delivered.rejection)
    throw new Error(`Rejected: ${delivered.rejection.code} ${delivered.rejection.message}`);
  console.log('\n2. Verification report');
  for (const file of delivered.files) {
    const signers = file.verification?.signatures.map(
      (s) =>
        `${s.signer.commonName ?? '?'} (${s.signer.kind}${s.signer.agencyCode ? ` ${s.signer.agencyCode}` : ''})`,
    );
    console.log(`   ${file.fileName}: ${file.verification?.indication} — ${signers?.join(', ')}`);
  }

  console.log('\n3. Recipients fetch and acknowledge');
  for (const code of RECIPIENTS) {
    for (const file of delivered.files)
      await as(code).get(`/dispatches/${dispatchId}/files/${file.id}`).buffer(true);
    await as(code).post(`/dispatches/${dispatchId}/ack`);
    console.log(
      `   ${pki.agency(code).name}: fetched ${delivered.files.length} files, acknowledged`,
    );
  }

  const final = (await as(SENDER).get(`/dispatches/${dispatchId}`)).body as DispatchView;
  console.log('\n4. Delivery states (as the sender sees them)');
  console.table(
    final.recipients.map((r) => ({
      recipient: r.agencyCode,
      state: r.state,
      delivered: r.deliveredAt,
      fetched: r.fetchedAt,
      acknowledged: r.acknowledgedAt,
    })),
  );

  const trail = await until(
    async () =>
      (await as(SENDER).get(`/dispatches/${dispatchId}/trail`)).body as {
        entries: {
          seq: number;
          eventType: string;
          recipientCode: string | null;
          occurredAt: string;
          hash: string;
        }[];
      },
    (body) =>
      body.entries.filter((e) => e.eventType === 'dispatch.acknowledged').length ===
      RECIPIENTS.length,
    'the audit trail',
  );
  console.log('\n5. Audit trail (hash-chained)');
  console.table(
    trail.entries.map((e) => ({
      seq: e.seq,
      event: e.eventType,
      recipient: e.recipientCode ?? '',
      at: e.occurredAt,
      hash: `${e.hash.slice(0, 12)}…`,
    })),
  );

  console.log('\n6. A tampered copy is refused');
  const tamperedId = await send(String(Number(number) + 1), [
    { name: 'tampered.pdf', bytes: flipByteInSignedRange(pdfs[0].bytes) },
  ]);
  const refused = await until(
    async () => (await as(SENDER).get(`/dispatches/${tamperedId}`)).body as DispatchView,
    (view) => view.state !== 'accepted',
    'the verdict on the tampered copy',
  );
  console.log(`   ${refused.state}: ${refused.rejection?.code} — ${refused.rejection?.message}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
