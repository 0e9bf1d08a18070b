import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { AuthenticatedAgency } from './authenticated-agency';
import { CallerRole } from './caller-role';
import { formatSubject, subjectAttribute } from './certificate-subject';
import {
  AgencyNotRegisteredError,
  AgencySuspendedError,
  ClientCertificateInvalidError,
  ClientCertificateRequiredError,
  ClientCertificateWithoutAgencyError,
  RoleNotGrantedError,
} from './client-certificate.errors';
import { DEFAULT_REQUIRED_ROLES, REQUIRED_ROLES_METADATA } from './require-roles.decorator';

export type RequestWithAgency = Request & { agency?: AuthenticatedAgency };

/**
 * Authenticates the calling agency system from its TLS client certificate. The handshake
 * itself checks the chain to the dedicated CA, validity and the CRLs; it is configured not to
 * abort, so that a refusal reaches the caller as a JSON error with a stable code instead of a
 * bare TLS alert. The agency code comes from the certificate subject only.
 */
@Injectable()
export class ClientCertificateGuard implements CanActivate {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAgency>();
    const caller = await this.authenticate(request.socket as TLSSocket);
    const required =
      this.reflector.getAllAndOverride<readonly CallerRole[] | undefined>(REQUIRED_ROLES_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_REQUIRED_ROLES;
    if (!required.some((role) => caller.roles.includes(role))) {
      throw new RoleNotGrantedError(required, caller.roles);
    }
    request.agency = caller;
    return true;
  }

  private async authenticate(socket: TLSSocket): Promise<AuthenticatedAgency> {
    const certificate = socket.encrypted ? socket.getPeerCertificate() : undefined;
    if (!certificate || !certificate.raw) throw new ClientCertificateRequiredError();
    if (!socket.authorized) {
      throw new ClientCertificateInvalidError(String(socket.authorizationError ?? 'not trusted'));
    }
    const subject = formatSubject(certificate);
    const agencyCode = subjectAttribute(certificate, this.config.AGENCY_CODE_SUBJECT_OID);
    if (!agencyCode || !isValidAgencyCode(agencyCode)) {
      throw new ClientCertificateWithoutAgencyError(subject);
    }
    const agency = await this.agencies.findByCode(agencyCode);
    if (!agency) throw new AgencyNotRegisteredError(agencyCode);
    if (agency.status !== 'active') throw new AgencySuspendedError(agencyCode);
    return {
      agencyCode,
      agencyName: agency.name,
      certificateSubject: subject,
      certificateFingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
      // Interim: every agency certificate acts for the agency's system and its clerks. The
      // directory's registered certificates (issue 6) will carry the roles instead.
      roles: [CallerRole.AgencySystem, CallerRole.Clerk],
    };
  }
}
