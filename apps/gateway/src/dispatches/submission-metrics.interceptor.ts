import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { type Observable, tap } from 'rxjs';
import { DomainError } from '@docaxis/errors/domain-error';
import { AxisMetrics } from '@docaxis/observability/metrics/axis-metrics';
import type { SubmitDispatchResult } from './submit-dispatch.usecase';

/**
 * Counts what POST /dispatches answered: accepted (a replay is not a new dispatch), or refused
 * with its stable code. Unexpected failures count as INTERNAL_ERROR.
 */
@Injectable()
export class SubmissionMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: AxisMetrics) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<SubmitDispatchResult> {
    return (next.handle() as Observable<SubmitDispatchResult>).pipe(
      tap({
        next: (result) => {
          if (!result.replayed) this.metrics.dispatchesAccepted.inc();
        },
        error: (error: unknown) => {
          const reason = error instanceof DomainError ? error.code : 'INTERNAL_ERROR';
          this.metrics.dispatchesRejected.inc({ stage: 'submission', reason });
        },
      }),
    );
  }
}
