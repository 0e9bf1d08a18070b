import { randomUUID } from 'node:crypto';
import { DispatchLoad, type LoadOptions } from '../../bench/axis/dispatch-load';
import type { GatewayClient, GatewayResponse } from '../../bench/axis/gateway-client';

type Failure = number | 'socket hang up';

function json(status: number, value: unknown): GatewayResponse {
  // Headers too, for a GatewayResponse that carries them (Retry-After); none matter here.
  const response = { status, headers: {}, body: Buffer.from(JSON.stringify(value)) };
  return response;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The gateway as the bench's clients see it, for one sender and one recipient: every POST
 * /dispatches is accepted, the inbox lists what was sent since the last page, an acknowledgement
 * acknowledges each id. Polls and acknowledgements fail first as scripted (a status, or a
 * rejected request as node:https reports a dropped connection).
 */
class ScriptedGateway {
  readonly submitted: string[] = [];
  readonly acknowledgedBatches: string[][] = [];
  private listed = 0;

  constructor(
    private readonly pollFailures: Failure[] = [],
    private readonly ackFailures: Failure[] = [],
  ) {}

  readonly sender = {
    post: async (): Promise<GatewayResponse> => {
      await pause(5);
      const dispatchId = randomUUID();
      this.submitted.push(dispatchId);
      return json(202, { dispatchId });
    },
  } as unknown as GatewayClient;

  readonly recipient = {
    get: async (): Promise<GatewayResponse> => {
      await pause(5);
      const failure = this.pollFailures.shift();
      if (failure !== undefined) return ScriptedGateway.fail(failure);
      const items = this.submitted
        .slice(this.listed)
        .map((dispatchId) => ({ kind: 'dispatch', dispatchId }));
      this.listed = this.submitted.length;
      return json(200, { items, nextCursor: String(this.listed) });
    },
    post: async (_path: string, _headers: unknown, body: Buffer): Promise<GatewayResponse> => {
      await pause(1);
      const failure = this.ackFailures.shift();
      if (failure !== undefined) return ScriptedGateway.fail(failure);
      const { dispatchIds } = JSON.parse(body.toString('utf8')) as { dispatchIds: string[] };
      this.acknowledgedBatches.push(dispatchIds);
      return json(200, {
        results: dispatchIds.map((dispatchId) => ({
          dispatchId,
          delivery: { state: 'acknowledged' },
          error: null,
        })),
      });
    },
  } as unknown as GatewayClient;

  load(): DispatchLoad {
    return new DispatchLoad(
      [{ code: '000.00.00.G22', leaderName: 'Nguyễn Hữu Thành', client: this.sender, pdfs: [] }],
      [{ code: '000.00.00.H41', client: this.recipient }],
    );
  }

  private static fail(failure: Failure): Promise<GatewayResponse> {
    if (failure === 'socket hang up') return Promise.reject(new Error(failure));
    return Promise.resolve(json(failure, { error: { code: `HTTP_${failure}` } }));
  }
}

const OPTIONS: LoadOptions = { concurrentSenders: 1, seconds: 0.1, drainTimeoutMs: 3000 };

describe('the end-to-end bench client (DispatchLoad): polls and acknowledgements', () => {
  it('retries an acknowledgement that failed in transit or with a 5xx, and counts the retries', async () => {
    const gateway = new ScriptedGateway([], ['socket hang up', 503]);
    const result = await gateway.load().run(OPTIONS);
    expect(result).toMatchObject({ errors: 0, retries: 2, firstError: null });
    expect(result.completed).toBe(gateway.submitted.length);
    expect(gateway.acknowledgedBatches.flat()).toEqual(gateway.submitted);
  });

  it('retries an inbox poll that failed in transit or with a 5xx, and counts the retries', async () => {
    const gateway = new ScriptedGateway(['socket hang up', 502], []);
    const result = await gateway.load().run(OPTIONS);
    expect(result).toMatchObject({ errors: 0, retries: 2, firstError: null });
    expect(result.completed).toBe(gateway.submitted.length);
  });

  it('keeps a 4xx acknowledgement an error, not retried: its dispatches stay unacknowledged', async () => {
    const gateway = new ScriptedGateway([], [400]);
    await expect(gateway.load().run({ ...OPTIONS, drainTimeoutMs: 300 })).rejects.toThrow(
      /were not acknowledged .*\(1 request errors; the first: POST \/inbox\/ack 400/,
    );
    const acknowledged = gateway.acknowledgedBatches.flat();
    expect(acknowledged.length).toBeLessThan(gateway.submitted.length);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  });
});
