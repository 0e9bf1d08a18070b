import type { DevPki } from '@docaxis/signature/pki/dev-pki-loader';
import { signedDispatchPdf } from '@docaxis/signature/testing/signed-dispatch-pdf';
import { asAgency } from './agency-client';
import { attachDispatch, envelopeJson } from './dispatch-fixtures';
import type { RunningAxis } from './running-axis';
import { waitFor } from './wait-for';

const pdfs = new Map<string, Promise<Buffer>>();

/** One signed PDF per sending agency, made once per test file. */
function pdfOf(pki: DevPki, senderCode: string): Promise<Buffer> {
  let pdf = pdfs.get(senderCode);
  if (!pdf) {
    pdf = signedDispatchPdf(pki, senderCode);
    pdfs.set(senderCode, pdf);
  }
  return pdf;
}

/**
 * Sends a signed dispatch from `senderCode` to `recipientCodes` and waits until it sits in every
 * recipient's inbox. `envelope` overrides fields of the default envelope. Returns its id.
 */
export async function sendAndDeliver(
  axis: RunningAxis,
  senderCode: string,
  recipientCodes: readonly string[],
  envelope: Record<string, unknown> = {},
): Promise<string> {
  const response = await attachDispatch(
    asAgency(axis, senderCode).post('/dispatches'),
    { ...envelopeJson(senderCode, recipientCodes), ...envelope },
    [{ name: 'van-ban.pdf', bytes: await pdfOf(axis.pki, senderCode) }],
  );
  if (response.status !== 202) {
    throw new Error(`dispatch refused: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const dispatchId: string = response.body.dispatchId;
  await waitFor(
    async () => (await asAgency(axis, senderCode).get(`/dispatches/${dispatchId}`)).body,
    (body) =>
      body.recipients?.length === recipientCodes.length &&
      body.recipients.every((r: { state: string }) => r.state === 'delivered'),
    `delivery of ${dispatchId}`,
  );
  return dispatchId;
}

/**
 * Sends `count` signed dispatches from `senderCode` to `recipientCodes` at once (all accepted, or
 * it throws) and returns their ids, without waiting for their delivery.
 */
export async function sendDispatches(
  axis: RunningAxis,
  senderCode: string,
  recipientCodes: readonly string[],
  count: number,
): Promise<string[]> {
  const pdf = await pdfOf(axis.pki, senderCode);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await attachDispatch(
        asAgency(axis, senderCode).post('/dispatches'),
        envelopeJson(senderCode, recipientCodes),
        [{ name: 'van-ban.pdf', bytes: pdf }],
      );
      if (response.status !== 202) {
        throw new Error(`dispatch refused: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return response.body.dispatchId as string;
    }),
  );
}

/** Downloads the dispatch's first file as `agencyCode` (moves its copy to "fetched"). */
export async function fetchFirstFile(
  axis: RunningAxis,
  agencyCode: string,
  dispatchId: string,
): Promise<void> {
  const client = asAgency(axis, agencyCode);
  const view = await client.get(`/dispatches/${dispatchId}`);
  const download = await client.get(`/dispatches/${dispatchId}/files/${view.body.files[0].id}`);
  if (download.status !== 200) throw new Error(`download failed: ${download.status}`);
}
