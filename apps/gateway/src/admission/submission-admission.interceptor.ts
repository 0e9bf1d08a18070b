import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { RequestWithAgency } from '../auth/client-certificate.guard';
import { SubmissionAdmission } from './submission-admission';

/**
 * Admission control on POST /dispatches, after authentication and before the body is read:
 * a refused submission costs neither parsing nor storing its PDFs.
 */
@Injectable()
export class SubmissionAdmissionInterceptor implements NestInterceptor {
  constructor(private readonly admission: SubmissionAdmission) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<RequestWithAgency>();
    const key = request.headers['idempotency-key'];
    // The route's guard runs first; reaching here without an agency is a wiring mistake.
    if (!request.agency)
      throw new Error('submission admission on a route without ClientCertificateGuard');
    await this.admission.admit(
      request.agency.agencyCode,
      typeof key === 'string' ? key : undefined,
    );
    return next.handle();
  }
}
