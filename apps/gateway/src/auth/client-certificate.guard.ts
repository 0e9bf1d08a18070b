import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';
import { isValidAgencyCode } from '@docaxis/edxml/agency-code/agency-code';
import { AgencyRepository } from '@docaxis/persistence/agency/agency.repository';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { AuthenticatedAgency } from './authenticated-agency';
import { callerRolesOf, type CallerRole } from './caller-role';
import {
  AgencyNotRegisteredError,
  AgencySuspendedError,
  ClientCertificateHeaderUntrustedError,
  ClientCertificateInvalidError,
  ClientCertificateNotRegisteredError,
  ClientCertificateRequiredError,
  ClientCertificateRetiredError,
  ClientCertificateWithoutAgencyError,
  RoleNotGrantedError,
} from './client-certificate.errors';
import { CredentialCache } from './credential-cache';
import { ForwardedClientCertificateVerifier } from './forwarded-client-certificate.verifier';
import { type PresentedCertificate, PresentedCertificates } from './presented-certificate';
import { DEFAULT_REQUIRED_ROLES, REQUIRED_ROLES_METADATA } from './require-roles.decorator';
import { TrustedProxyAddresses } from './trusted-proxy-addresses';

export type RequestWithAgency = Request & { agency?: AuthenticatedAgency };

const AUTHENTICATION = Symbol('docaxis:authentication');

/**
 * Authenticates the caller from its TLS client certificate. The handshake checks the chain to
 * the dedicated CA, validity and the CRLs; it is configured not to abort, so that a refusal
 * reaches the caller as a JSON error with a stable code instead of a bare TLS alert. Then the
 * certificate must be registered in the agency directory, active, for an active agency whose
 * code is the one in the certificate subject; the roles come from that registration.
 *
 * In trusted-proxy mode (TRUSTED_PROXY_CERT_HEADER set), connections from the configured proxies
 * present the certificate in that header instead, checked the same way; the header from any
 * other address is refused, never ignored, so a misrouted client learns why at once.
 */
@Injectable()
export class ClientCertificateGuard implements CanActivate {
  private readonly proxies: TrustedProxyAddresses;

  constructor(
    private readonly credentials: CredentialCache,
    private readonly agencies: AgencyRepository,
    private readonly reflector: Reflector,
    private readonly forwarded: ForwardedClientCertificateVerifier,
    // One for the app, not one per guard: Nest makes a guard per module that names it.
    private readonly presented: PresentedCertificates,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.proxies = new TrustedProxyAddresses(config.TRUSTED_PROXY_ADDRESSES);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAgency>();
    const caller = await this.authenticate(request);
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

  /**
   * Who sent `request`, established once per request (the rate limiter asks before the route's
   * guard does). Throws the typed refusal when the caller cannot be authenticated.
   */
  authenticate(request: RequestWithAgency): Promise<AuthenticatedAgency> {
    const memo = request as RequestWithAgency & { [AUTHENTICATION]?: Promise<AuthenticatedAgency> };
    memo[AUTHENTICATION] ??= this.authenticateOnce(request);
    return memo[AUTHENTICATION];
  }

  private async authenticateOnce(request: Request): Promise<AuthenticatedAgency> {
    const header = this.config.TRUSTED_PROXY_CERT_HEADER;
    if (header) {
      const forwarded = request.headers[header];
      if (this.proxies.trusts(request.socket.remoteAddress)) {
        if (typeof forwarded !== 'string' || forwarded === '') {
          throw new ClientCertificateRequiredError();
        }
        return this.identify(await this.forwarded.verify(forwarded));
      }
      if (forwarded !== undefined) throw new ClientCertificateHeaderUntrustedError(header);
    }
    const socket = request.socket as TLSSocket;
    const certificate = socket.encrypted ? this.presented.of(socket) : null;
    if (!certificate) throw new ClientCertificateRequiredError();
    if (!socket.authorized) {
      throw new ClientCertificateInvalidError(
        String(socket.authorizationError ?? 'CERT_UNTRUSTED'),
      );
    }
    return this.identify(certificate);
  }

  private async identify(certificate: PresentedCertificate): Promise<AuthenticatedAgency> {
    const { subject, agencyCode, fingerprint } = certificate;
    if (!agencyCode || !isValidAgencyCode(agencyCode)) {
      throw new ClientCertificateWithoutAgencyError(subject);
    }
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
