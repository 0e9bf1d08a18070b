import { randomUUID } from 'node:crypto';
import { DomainError } from '@docaxis/errors/domain-error';
import { parseInboxAckRequest } from '../../../gateway/src/inbox/inbox-ack-request';
import { AxisApiError } from '../api/axis-api-error';
import { acknowledgeInBatches, distinctDispatchIds, type InboxAckItem } from './inbox-ack-batches';

/**
 * POST /inbox/ack as the gateway parses it (its own parser, so its limit and its case-blind
 * duplicate check), answering every id as acknowledged; a refusal comes back as the CLI's client
 * reports it: an AxisApiError with the error body's code and details.
 */
function gateway(ackBatchMax: number) {
  const requests: string[][] = [];
  const send = (batch: string[]): Promise<InboxAckItem[]> => {
    requests.push(batch);
    try {
      const { dispatchIds } = parseInboxAckRequest({ dispatchIds: batch }, ackBatchMax);
      return Promise.resolve(
        dispatchIds.map((dispatchId) => ({
          dispatchId,
          outcome: 'acknowledged',
          delivery: { agencyCode: '000.00.00.H41', state: 'acknowledged' },
          error: null,
        })),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = error.kind === 'too-large' ? 413 : 400;
      return Promise.reject(new AxisApiError(status, error.code, error.message, error.details));
    }
  };
  return { requests, send };
}

const ids = (count: number) => Array.from({ length: count }, () => randomUUID());

describe('docaxis ack: dispatch ids in batches', () => {
  it('re-sends in batches of the limit the gateway reports when its ACK_BATCH_MAX is lower', async () => {
    const dispatchIds = ids(1200);
    const { requests, send } = gateway(300);
    const results = await acknowledgeInBatches(dispatchIds, 500, send);
    expect(results.map((result) => result.dispatchId)).toEqual(dispatchIds);
    // One refused request of 500, then batches of 300 from then on.
    expect(requests.map((batch) => batch.length)).toEqual([500, 300, 300, 300, 300]);
  });

  it('sends batches of the size asked for (--batch-size)', async () => {
    const dispatchIds = ids(5);
    const { requests, send } = gateway(500);
    await acknowledgeInBatches(dispatchIds, 2, send);
    expect(requests).toEqual([
      dispatchIds.slice(0, 2),
      dispatchIds.slice(2, 4),
      dispatchIds.slice(4),
    ]);
  });

  it('halves the batch when a gateway refuses it as too large without saying its limit', async () => {
    const dispatchIds = ids(10);
    const requests: number[] = [];
    const results = await acknowledgeInBatches(dispatchIds, 8, (batch) => {
      requests.push(batch.length);
      if (batch.length > 3) {
        return Promise.reject(new AxisApiError(413, 'ACK_BATCH_TOO_LARGE', 'split it'));
      }
      return gateway(3).send(batch);
    });
    expect(results).toHaveLength(10);
    expect(requests).toEqual([8, 4, 2, 2, 2, 2, 2]);
  });

  it('passes on any other refusal, and a too-large refusal of a single id', async () => {
    const refused = new AxisApiError(403, 'NOT_A_RECIPIENT', 'no');
    await expect(acknowledgeInBatches(ids(3), 500, () => Promise.reject(refused))).rejects.toBe(
      refused,
    );
    const tooLarge = new AxisApiError(413, 'ACK_BATCH_TOO_LARGE', 'split it', { limit: 0 });
    await expect(acknowledgeInBatches(ids(1), 500, () => Promise.reject(tooLarge))).rejects.toBe(
      tooLarge,
    );
  });

  it('names a dispatch once, whatever the letter case of its UUID (the gateway compares ids case-blind)', async () => {
    const id = randomUUID();
    const other = randomUUID();
    const unique = distinctDispatchIds([
      id,
      id.toUpperCase(),
      other,
      `${id.slice(0, 8).toUpperCase()}${id.slice(8)}`,
      other,
    ]);
    expect(unique).toEqual([id, other]);
    const { send } = gateway(500);
    await expect(acknowledgeInBatches(unique, 500, send)).resolves.toHaveLength(2);
  });

  it('keeps what is not a UUID as written, for the gateway to name in its refusal', () => {
    expect(distinctDispatchIds(['Not-A-Uuid', 'not-a-uuid', 'Not-A-Uuid'])).toEqual([
      'Not-A-Uuid',
      'not-a-uuid',
    ]);
  });
});
