import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedAgency } from './authenticated-agency';
import type { RequestWithAgency } from './client-certificate.guard';

/** The agency the ClientCertificateGuard established for this request. */
export const CallingAgency = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedAgency => {
    const agency = context.switchToHttp().getRequest<RequestWithAgency>().agency;
    // The guard runs first on every route that uses this decorator; reaching here without an
    // agency is a wiring mistake, not a client error.
    if (!agency) throw new Error('CallingAgency used on a route without ClientCertificateGuard');
    return agency;
  },
);
