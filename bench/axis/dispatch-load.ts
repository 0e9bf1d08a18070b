import { envelopeJson } from '@docaxis/testing/dispatch-fixtures';
import { BenchFailureError } from '../support/bench-failure.error';
import { type GatewayClient, retryAfterMsOf, unanswered } from './gateway-client';
import { summarizeLatencies, type LatencySummary } from './latency-summary';
import { type LoadClock, realLoadClock } from './load-clock';
import { sendRetryingTransientFailures } from './transient-failure-retry';

export interface PdfAttachment {
  name: string;
  bytes: Buffer;
}

/** One sending agency's document system: its client and the signed PDFs it sends every time. */
export interface SendingAgency {
  code: string;
  /** The leader whose signature the PDFs carry (the envelope names the signer). */
  leaderName: string;
  client: GatewayClient;
  pdfs: readonly PdfAttachment[];
}

export interface ReceivingAgency {
  code: string;
  client: GatewayClient;
}

export interface LoadOptions {
  /**
   * Dispatches in flight at once (each sender loop waits for its 202 before the next; refused
   * with 503 + Retry-After, it waits that long and sends the same submission again).
   */
  concurrentSenders: number;
  seconds: number;
  /** How long to wait, after the last submission, for every recipient to acknowledge. */
  drainTimeoutMs: number;
}

export interface LoadResult {
  submitted: number;
  completed: number;
  errors: number;
  /**
   * 503 answers with Retry-After (the gateway's admission control: too many dispatches await
   * verification). Not errors: the sender waited and sent the same submission again.
   */
  busyRefusals: number;
  firstError: string | null;
  elapsedSeconds: number;
  dispatchesPerSecond: number;
  /**
   * From the POST the axis accepted to the last recipient's acknowledgement: how long the axis
   * held the dispatch, bounded by admission control (busy refusals before it are not in it).
   */
  latency: LatencySummary;
  /**
   * Per accepted dispatch, from its first POST to the one accepted: the time its sender was held
   * at the door by busy refusals (0 when admitted at once).
   */
  admissionWait: LatencySummary;

  /**
   * Inbox polls and acknowledgements sent again after a transient failure (no answer, or a 5xx);
   * not errors unless the retries ran out.
   */
  retries: number;
}

interface Pending {
  startedAt: number;
  waitingFor: Set<string>;
}

let documentSequence = 0;

/**
 * Drives the axis as agencies would: `concurrentSenders` loops POST dispatches (multipart JSON
 * envelope + signed PDFs) to every receiving agency, while each recipient's loop long-polls its
 * inbox with a cursor and acknowledges what arrived. A dispatch is complete when every recipient has
 * acknowledged it. Throughput counts completed dispatches over the time from the first
 * submission to the last acknowledgement.
 */
export class DispatchLoad {
  private readonly pending = new Map<string, Pending>();
  private readonly latencies: number[] = [];
  private readonly admissionWaits: number[] = [];
  private readonly cursors = new Map<string, string | null>();
  /**
   * Recipients that acknowledged a dispatch before its sender read the 202 naming it (a fast axis
   * lists a dispatch as soon as it is routed, and the answer to the POST can arrive after that).
   */
  private readonly acknowledgedBeforeAccepted = new Map<string, Set<string>>();
  private errors = 0;
  private busyRefusals = 0;
  private firstError: string | null = null;
  private completedAt = 0;
  private retries = 0;

  constructor(
    private readonly senders: readonly SendingAgency[],
    private readonly recipients: readonly ReceivingAgency[],
    private readonly clock: LoadClock = realLoadClock,
  ) {}

  async run(options: LoadOptions): Promise<LoadResult> {
    this.latencies.length = 0;
    this.admissionWaits.length = 0;
    this.acknowledgedBeforeAccepted.clear();
    this.errors = 0;
    this.busyRefusals = 0;
    this.firstError = null;
    this.retries = 0;
    let submitted = 0;
    let sending = true;
    const start = this.clock.now();
    this.completedAt = start;
    const sendUntil = start + options.seconds * 1000;

    const receivers = this.recipients.map((recipient) =>
      this.receive(recipient, () => sending || this.pending.size > 0),
    );
    const senderLoops = Array.from({ length: options.concurrentSenders }, async (_, index) => {
      const sender = this.senders[index % this.senders.length];
      while (this.clock.now() < sendUntil) {
        if (await this.submit(sender, sendUntil)) submitted++;
      }
    });
    await Promise.all(senderLoops);
    sending = false;

    const drainDeadline = this.clock.now() + options.drainTimeoutMs;
    while (this.pending.size > 0 && this.clock.now() < drainDeadline) {
      await this.clock.sleep(20);
    }
    const unfinished = this.pending.size;
    this.pending.clear();
    await Promise.all(receivers);
    if (unfinished > 0) {
      throw new BenchFailureError(
        'BENCH_DELIVERY_INCOMPLETE',
        `${unfinished} of ${submitted} accepted dispatches were not acknowledged by every recipient within ${options.drainTimeoutMs} ms` +
          this.errorSummary(),
      );
    }
    const elapsedSeconds = (this.completedAt - start) / 1000;
    return {
      submitted,
      completed: this.latencies.length,
      errors: this.errors,
      busyRefusals: this.busyRefusals,
      firstError: this.firstError,
      elapsedSeconds,
      dispatchesPerSecond: this.latencies.length / elapsedSeconds,
      latency: summarizeLatencies(this.latencies),
      admissionWait: summarizeLatencies(this.admissionWaits),
      retries: this.retries,
    };
  }

  /** Sends one dispatch until it is accepted, refused for good, or the sending window closes. */
  private async submit(sender: SendingAgency, sendUntil: number): Promise<boolean> {
    const number = ++documentSequence;
    const form = new FormData();
    form.set('envelope', JSON.stringify(this.envelope(sender, number)));
    for (const pdf of sender.pdfs) {
      form.append('files', new Blob([pdf.bytes], { type: 'application/pdf' }), pdf.name);
    }
    // The platform's own multipart encoder (WHATWG FormData), not a hand-written one.
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const headers = {
      'content-type': encoded.headers.get('content-type') ?? '',
      'idempotency-key': `bench-${process.pid}-${number}`,
    };
    const firstSentAt = this.clock.now();
    for (;;) {
      const startedAt = this.clock.now();
      const response = await sender.client.post('/dispatches', headers, body).catch(unanswered);
      const retryAfterMs = retryAfterMsOf(response);
      if (retryAfterMs !== undefined) {
        // Backpressure, as an integrator honours it: wait, then the same submission, same key.
        this.busyRefusals++;
        await this.clock.sleep(Math.min(retryAfterMs, Math.max(0, sendUntil - this.clock.now())));
        // Never accepted, so nothing to wait for: the sender's window is over.
        if (this.clock.now() >= sendUntil) return false;
        continue;
      }
      if (response.status !== 202) {
        this.recordError(
          `POST /dispatches ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`,
        );
        return false;
      }
      const { dispatchId } = JSON.parse(response.body.toString('utf8')) as { dispatchId: string };
      this.admissionWaits.push(startedAt - firstSentAt);
      const early = this.acknowledgedBeforeAccepted.get(dispatchId);
      this.acknowledgedBeforeAccepted.delete(dispatchId);
      const pending = {
        startedAt,
        waitingFor: new Set(this.recipients.map((r) => r.code).filter((c) => !early?.has(c))),
      };
      if (pending.waitingFor.size === 0) this.complete(pending);
      else this.pending.set(dispatchId, pending);
      return true;
    }
  }

  private async receive(recipient: ReceivingAgency, keepGoing: () => boolean): Promise<void> {
    while (keepGoing()) {
      const cursor = this.cursors.get(recipient.code);
      // Long-poll, as an integrator would: the gateway answers as soon as something arrives.
      const query = `?limit=200&wait=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await this.retryingTransientFailures(() =>
        recipient.client.get(`/inbox${query}`).catch(unanswered),
      );
      if (page.status !== 200) {
        this.recordError(`GET /inbox ${page.status}: ${page.body.toString('utf8').slice(0, 300)}`);
        await this.clock.sleep(100);
        continue;
      }
      const { items, nextCursor } = JSON.parse(page.body.toString('utf8')) as {
        items: { kind: 'dispatch' | 'status'; dispatchId: string }[];
        nextCursor: string | null;
      };
      if (nextCursor) this.cursors.set(recipient.code, nextCursor);
      const dispatchIds = items
        .filter((item) => item.kind === 'dispatch')
        .map((item) => item.dispatchId);
      if (dispatchIds.length > 0) await this.acknowledge(recipient, dispatchIds);
    }
  }

  /** One POST /inbox/ack for the whole page (at most 200 ids, under ACK_BATCH_MAX). */
  private async acknowledge(recipient: ReceivingAgency, dispatchIds: string[]): Promise<void> {
    const response = await this.retryingTransientFailures(() =>
      recipient.client
        .post(
          '/inbox/ack',
          { 'content-type': 'application/json' },
          Buffer.from(JSON.stringify({ dispatchIds })),
        )
        .catch(unanswered),
    );
    if (response.status !== 200) {
      this.recordError(
        `POST /inbox/ack ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`,
      );
      return;
    }
    const { results } = JSON.parse(response.body.toString('utf8')) as {
      results: { dispatchId: string; delivery: unknown; error: { code: string } | null }[];
    };
    for (const result of results) {
      if (result.delivery === null) {
        this.recordError(`POST /inbox/ack ${result.dispatchId}: ${result.error?.code}`);
        continue;
      }
      const pending = this.pending.get(result.dispatchId);
      if (!pending) {
        const early = this.acknowledgedBeforeAccepted.get(result.dispatchId) ?? new Set<string>();
        this.acknowledgedBeforeAccepted.set(result.dispatchId, early.add(recipient.code));
        continue;
      }
      pending.waitingFor.delete(recipient.code);
      if (pending.waitingFor.size === 0) {
        this.pending.delete(result.dispatchId);
        this.complete(pending);
      }
    }
  }

  private complete(pending: Pending): void {
    this.completedAt = this.clock.now();
    this.latencies.push(this.completedAt - pending.startedAt);
  }

  /**
   * A dropped connection or a 5xx on a poll or an acknowledgement is sent again (both are safe to
   * repeat), so one "socket hang up" cannot leave dispatches unacknowledged; 4xx stay errors.
   */
  private retryingTransientFailures<Response extends { status: number }>(
    send: () => Promise<Response>,
  ): Promise<Response> {
    return sendRetryingTransientFailures(send, () => this.retries++, this.clock);
  }

  private errorSummary(): string {
    return this.firstError ? ` (${this.errors} request errors; the first: ${this.firstError})` : '';
  }

  private recordError(message: string): void {
    this.errors++;
    this.firstError ??= message;
  }

  /** The test harness' valid công văn, with a number of its own and the sender's leader as signer. */
  private envelope({ code: senderCode, leaderName }: SendingAgency, number: number): unknown {
    return envelopeJson(
      senderCode,
      this.recipients.map(({ code }) => code),
      {
        // Numbers below 10 are written with two digits (Nghị định 30/2020).
        code: { codeNumber: String(number).padStart(2, '0'), codeNotation: 'VPCP-KSTT' },
        signerInfo: { competence: 'KT. BỘ TRƯỞNG', position: 'Thứ trưởng', fullName: leaderName },
        subject: 'V/v đo hiệu năng trục liên thông (benchmark, TEST)',
      },
    );
  }
}
