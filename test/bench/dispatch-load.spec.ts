import { randomUUID } from 'node:crypto';
import { DispatchLoad, type LoadOptions } from '../../bench/axis/dispatch-load';
import type { GatewayClient, GatewayResponse } from '../../bench/axis/gateway-client';
import type { LoadClock } from '../../bench/axis/load-clock';

type Failure = number | 'socket hang up';

const json = (status: number, value: unknown, headers = {}): GatewayResponse => ({
  status,
  headers,
  body: Buffer.from(JSON.stringify(value)),
});

/**
 * Time that moves only when something waits: each wait adds its length and yields a turn. What a
 * run measures on it is the same on an idle machine and a loaded one.
 */
class VirtualClock implements LoadClock {
  private time = 0;
  now = (): number => this.time;
  sleep = async (ms: number): Promise<void> => {
    this.time += ms;
    await new Promise(setImmediate);
  };
}

/**
 * The gateway as the bench's clients see it, for one sender and one recipient: every POST
 * /dispatches is accepted, the inbox lists what was sent since the last page, an acknowledgement
 * acknowledges each id. Polls and acknowledgements fail first as scripted (a status, or a
 * rejected request as node:https reports a dropped connection).
 */
class ScriptedGateway {
  readonly submitted: string[] = [];
  readonly acknowledgedBatches: string[][] = [];
  /** The Idempotency-Key of every POST /dispatches, refused or not. */
  readonly submissionKeys: string[] = [];
  private listed = 0;
  /**
   * The 202 reaches the sender only once the recipient has acknowledged the dispatch: a fast axis
   * can list (and have acknowledged) a dispatch before its sender has read the answer to its POST.
   */
  answersAfterAcknowledgement = false;

  constructor(
    private readonly pollFailures: Failure[] = [],
    private readonly ackFailures: Failure[] = [],
    /** POST /dispatches answered 503 with this Retry-After (admission control) first. */
    private readonly busyRefusals: string[] = [],
    /**
     * What its answers take, and the load's clock: virtual, so the sending window, the retries'
     * backoff and the drain deadline do not depend on how loaded the machine is (on the real
     * clock a late turn could end the 0.1 s window before the first submission, or the drain
     * before a retried acknowledgement).
     */
    private readonly clock: LoadClock = new VirtualClock(),
  ) {}

  readonly sender = {
    post: async (_path: string, headers: Record<string, string>): Promise<GatewayResponse> => {
      await this.clock.sleep(5);
      this.submissionKeys.push(headers['idempotency-key']);
      const retryAfter = this.busyRefusals.shift();
      if (retryAfter !== undefined) {
        return json(
          503,
          { error: { code: 'SUBMISSION_BACKLOG_FULL' } },
          { 'retry-after': retryAfter },
        );
      }
      const dispatchId = randomUUID();
      this.submitted.push(dispatchId);
      while (
        this.answersAfterAcknowledgement &&
        !this.acknowledgedBatches.some((batch) => batch.includes(dispatchId))
      ) {
        await this.clock.sleep(1);
      }
      return json(202, { dispatchId });
    },
  } as unknown as GatewayClient;

  readonly recipient = {
    get: async (): Promise<GatewayResponse> => {
      await this.clock.sleep(5);
      const failure = this.pollFailures.shift();
      if (failure !== undefined) return ScriptedGateway.fail(failure);
      const items = this.submitted
        .slice(this.listed)
        .map((dispatchId) => ({ kind: 'dispatch', dispatchId }));
      this.listed = this.submitted.length;
      return json(200, { items, nextCursor: String(this.listed) });
    },
    post: async (_path: string, _headers: unknown, body: Buffer): Promise<GatewayResponse> => {
      await this.clock.sleep(1);
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
      this.clock,
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

  it('counts a dispatch acknowledged by its recipients before its sender read the 202', async () => {
    const gateway = new ScriptedGateway();
    gateway.answersAfterAcknowledgement = true;
    const result = await gateway.load().run(OPTIONS);
    expect(result).toMatchObject({ errors: 0, firstError: null });
    expect(gateway.submitted.length).toBeGreaterThan(0);
    expect(result.completed).toBe(gateway.submitted.length);
    expect(result.latency.count).toBe(gateway.submitted.length);
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

describe('the end-to-end bench client (DispatchLoad): admission control', () => {
  it('waits Retry-After after a 503 and sends the same submission again, counting a busy refusal, not an error', async () => {
    // On its own virtual clock, read below: the second waited at the door and the axis' latency
    // are told apart exactly, however slow the machine running the spec.
    const clock = new VirtualClock();
    const gateway = new ScriptedGateway([], [], ['1'], clock);
    const result = await gateway.load().run({ ...OPTIONS, seconds: 1.2 });
    expect(result).toMatchObject({ errors: 0, busyRefusals: 1, firstError: null });
    // The first submission was refused, waited a second, then went again under its own key.
    const [refused, retried] = gateway.submissionKeys;
    expect(retried).toBe(refused);
    expect(new Set(gateway.submissionKeys).size).toBe(gateway.submissionKeys.length - 1);
    expect(result.completed).toBe(gateway.submitted.length);
    // The second it waited at the door is reported apart from the axis' latency: one dispatch
    // waited it, none carries it in its latency.
    expect(result.admissionWait.maxMs).toBeGreaterThanOrEqual(1000);
    expect(result.latency.maxMs).toBeLessThan(1000);
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
  });

  it('keeps a 503 without Retry-After an error', async () => {
    const gateway = new ScriptedGateway([], [], ['']);
    const result = await gateway.load().run(OPTIONS);
    expect(result.busyRefusals).toBe(0);
    expect(result.errors).toBe(1);
    expect(result.firstError).toContain('POST /dispatches 503');
  });
});
