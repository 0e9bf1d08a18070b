import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import { DispatchRepository } from '@docaxis/persistence/dispatch/dispatch.repository';
import { VerificationBacklogRepository } from '@docaxis/persistence/dispatch/verification-backlog.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { type BacklogSample, backlogSample, refusalUnderFairShare } from './fair-share-admission';
import { SubmissionBacklogFullError } from './submission-admission.errors';
import { VerificationBacklogSampler } from './verification-backlog-sampler';

/**
 * Admission control (backpressure) for new dispatches: while more than
 * ADMISSION_MAX_PENDING_VERIFICATION dispatches await verification, a new submission is refused
 * with 503 and Retry-After instead of joining a queue that only grows (and every latency with
 * it). Over the limit the backlog is shared fairly between sending agencies
 * (refusalUnderFairShare): one busy agency cannot hold back one that has little waiting. Each
 * instance samples the shared backlog itself, so instances need no coordination; the
 * limit can be overshot by what arrives within one sample interval.
 */
@Injectable()
export class SubmissionAdmission {
  private readonly logger = new Logger(SubmissionAdmission.name);
  private readonly limit: number;
  private readonly retryAfterSeconds: number;
  private readonly backlog: VerificationBacklogSampler<BacklogSample>;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    backlog: VerificationBacklogRepository,
    private readonly dispatches: DispatchRepository,
    metrics: AxisMetrics,
  ) {
    this.limit = config.ADMISSION_MAX_PENDING_VERIFICATION;
    this.retryAfterSeconds = config.ADMISSION_RETRY_AFTER_SECONDS;
    const gauge = new Gauge({
      name: 'docaxis_admission_verification_backlog',
      help: "Dispatches awaiting verification, as this gateway's admission control last counted them",
      registers: [metrics.registry],
    });
    this.backlog = new VerificationBacklogSampler({
      count: async () => {
        const sample = backlogSample(await backlog.countAwaitingVerificationBySender());
        gauge.set(sample.total);
        return sample;
      },
      intervalMs: config.ADMISSION_SAMPLE_INTERVAL_MS,
      warn: (message) => this.logger.warn(message),
    });
  }

  /**
   * Throws SubmissionBacklogFullError when the backlog is over the limit and the sender holds its
   * fair share of it, unless the request
   * repeats a submission already accepted (same agency and Idempotency-Key): that one gets its
   * original answer, as it adds nothing to the backlog. The lookup is only paid while refusing.
   */
  async admit(senderCode: string, idempotencyKey: string | undefined): Promise<void> {
    if (this.limit === 0) return;
    const sample = await this.backlog.latest();
    if (sample === undefined) return;
    const refusal = refusalUnderFairShare(sample, senderCode, this.limit);
    if (!refusal) return;
    if (idempotencyKey && (await this.dispatches.findByIdempotencyKey(senderCode, idempotencyKey)))
      return;
    throw new SubmissionBacklogFullError(refusal, this.limit, this.retryAfterSeconds);
  }
}
