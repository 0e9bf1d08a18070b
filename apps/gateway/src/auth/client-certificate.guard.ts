import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { AuthenticatedAgency } from './authenticated-agency';
import { callerRolesOf, type CallerRole } from './caller-role';
import { formatSubject, subjectAttribute } from './certificate-subject';
import {
  AgencyNotRegisteredError,
  AgencySuspendedError,
  ClientCertificateInvalidError,
  ClientCertificateNotRegisteredError,
  ClientCertificateRequiredError,
  ClientCertificateRetiredError,
  ClientCertificateWithoutAgencyError,
  RoleNotGrantedError,
} from './client-certificate.errors';
import { CredentialCache } from './credential-cache';
import { DEFAULT_REQUIRED_ROLES, REQUIRED_ROLES_METADATA } from './require-roles.decorator';

export type RequestWithAgency = Request & { agency?: AuthenticatedAgency };

/**
 * Authenticates the caller from its TLS client certificate. The handshake checks the chain to
 * the dedicated CA, validity and the CRLs; it is configured not to abort, so that a refusal
 * reaches the caller as a JSON error with a stable code instead of a bare TLS alert. Then the
 * certificate must be registered in the agency directory, active, for an active agency whose
 * code is the one in the certificate subject; the roles come from that registration.
 */
@Injectable()
export class ClientCertificateGuard implements CanActivate {
  constructor(
    private readonly credentials: CredentialCache,
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
    return this.identify(certificate);
  }

  private async identify(certificate: PeerCertificate): Promise<AuthenticatedAgency> {
    const subject = formatSubject(certificate);
    const agencyCode = subjectAttribute(certificate, this.config.AGENCY_CODE_SUBJECT_OID);
    if (!agencyCode || !isValidAgencyCode(agencyCode)) {
      throw new ClientCertificateWithoutAgencyError(subject);
    }
    const fingerprint = createHash('sha256').update(certificate.raw).digest('hex');
    const credential = await this.credentials.lookup(fingerprint);
    // A registration for another agency than the subject names is treated as no registration:
    // the directory never pairs them, so such a row could only come from a manual mistake.
    if (!credential || credential.agency.code !== agencyCode) {
      if (!(await this.agencies.findByCode(agencyCode))) {
        throw new AgencyNotRegisteredError(agencyCode);
      }
      throw new ClientCertificateNotRegisteredError(agencyCode, fingerprint);
    }
    if (credential.certificate.status !== 'active') {
      throw new ClientCertificateRetiredError(agencyCode, fingerprint);
    }
    if (credential.agency.status !== 'active') throw new AgencySuspendedError(agencyCode);
    return {
      agencyCode,
      agencyName: credential.agency.name,
      certificateSubject: subject,
      certificateFingerprint: fingerprint,
      roles: callerRolesOf(credential.certificate.roles),
    };
  }
}
