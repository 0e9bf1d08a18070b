import { Injectable } from '@nestjs/common';
import { DomainError } from '@docaxis/errors/domain-error';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import type { SubmitDispatchResult } from './submit-dispatch.usecase';

/**
 * Counts what POST /dispatches answered: accepted (a replay is not a new dispatch), or refused
 * with its stable code. Unexpected failures count as INTERNAL_ERROR.
 *
 * Called by the route itself rather than as a Nest interceptor: a route with interceptors pays
 * Nest's rxjs chain and an `AsyncResource.bind` per interceptor on every request (see
 * bench/README.md, "Session 8, gateway").
 */
@Injectable()
export class SubmissionMetrics {
  constructor(private readonly metrics: AxisMetrics) {}

  /** Runs one submission (admission, body, use case) and counts its outcome. */
  async count<T extends SubmitDispatchResult>(submission: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await submission();
    } catch (error) {
      const reason = error instanceof DomainError ? error.code : 'INTERNAL_ERROR';
      this.metrics.dispatchesRejected.inc({ stage: 'submission', reason });
      throw error;
    }
    if (!result.replayed) this.metrics.dispatchesAccepted.inc();
    return result;
  }
}
