import { HttpException, HttpStatus } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';

/**
 * Terminus' answer when a readiness check fails: a ServiceUnavailableException whose response is
 * its own result (`{status: 'error', info, error, details}`). It is passed through unchanged so
 * the gateway's readiness reads like every worker app's, where terminus answers by itself.
 */
export function healthCheckFailureOf(exception: unknown): HealthCheckResult | undefined {
  if (!(exception instanceof HttpException)) return undefined;
  if (exception.getStatus() !== Number(HttpStatus.SERVICE_UNAVAILABLE)) return undefined;
  const body = exception.getResponse();
  if (typeof body !== 'object' || body === null) return undefined;
  const { status, details } = body as Partial<HealthCheckResult>;
  const isResult =
    (status === 'error' || status === 'shutting_down') &&
    typeof details === 'object' &&
    details !== null;
  return isResult ? (body as HealthCheckResult) : undefined;
}
