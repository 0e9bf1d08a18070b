import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HealthController } from '@docaxis/observability/health/health.controller';
import { MetricsController } from '@docaxis/observability/metrics/metrics.controller';
import type { ErrorBody } from '../http/domain-exception.filter';
import { routeNotFoundMessage } from '../http/framework-error-wording';
import { declareResponseLanguage, errorLanguageOf } from '../http/response-language';
import { ManagementListener } from './management-listener';

/** The routes only the management listener serves: probes and the Prometheus scrape. */
export const MANAGEMENT_PATHS: readonly string[] = ['health/live', 'health/ready', 'metrics'];

const MANAGEMENT_CONTROLLERS: readonly unknown[] = [HealthController, MetricsController];

/** The answer to a route a listener does not serve: the same as for a route nobody serves. */
function routeNotFound(request: Request): NotFoundException {
  return new NotFoundException(routeNotFoundMessage(request, 'en'));
}

/**
 * On the public port, the health and metrics controllers answer 404 ROUTE_NOT_FOUND: queue
 * depths, per-agency counters and readiness details are operational data, not the agencies'.
 * Decided on the controller Nest matched, so no spelling of the path (case, trailing slash)
 * gets past it.
 */
@Injectable()
export class ManagementRoutesGuard implements CanActivate {
  constructor(private readonly listener: ManagementListener) {}

  canActivate(context: ExecutionContext): boolean {
    if (!MANAGEMENT_CONTROLLERS.includes(context.getClass())) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!this.listener.accepted(request)) throw routeNotFound(request);
    return true;
  }
}

/**
 * On the management listener, everything but the management routes answers 404 before it
 * reaches the API, the console's files or the OpenAPI pages: no client certificate is asked
 * there, so nothing else may be served.
 */
export function confineManagementListener(listener: ManagementListener): RequestHandler {
  const served = new Set(MANAGEMENT_PATHS.map((path) => `/${path}`));
  return (request: Request, response: Response, next: NextFunction) => {
    if (!listener.accepted(request)) return next();
    const path = request.path.toLowerCase().replace(/\/+$/, '');
    if (['GET', 'HEAD'].includes(request.method) && served.has(path)) return next();
    // Worded as the filter words the public port's 404 (this answer never reaches the filter).
    const language = errorLanguageOf(request);
    declareResponseLanguage(response, language);
    const body: ErrorBody = {
      error: { code: 'ROUTE_NOT_FOUND', message: routeNotFoundMessage(request, language) },
    };
    response.status(404).json(body);
  };
}
