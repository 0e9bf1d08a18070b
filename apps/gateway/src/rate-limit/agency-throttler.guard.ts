import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { ClientCertificateGuard } from '../auth/client-certificate.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { AgencyRateLimitedError } from './agency-rate-limit.errors';

/**
 * Per-agency rate limit (@nestjs/throttler), applied to every route before its own guards.
 * The budget belongs to the agency the client certificate authenticates, whichever of its
 * certificates or addresses it calls from, and is shared by all routes; a caller that cannot be
 * authenticated is counted by address (its request is refused by the route's guard next).
 * Counters live in PostgreSQL by default (SharedThrottlerStorage), so N gateway instances behind
 * a balancer give an agency one budget; with RATE_LIMIT_STORE=memory each instance counts its own.
 */
@Injectable()
export class AgencyThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly authentication: ClientCertificateGuard,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(): Promise<boolean> {
    return Promise.resolve(this.config.RATE_LIMIT_PER_AGENCY === 0);
  }

  protected override async getTracker(request: Request): Promise<string> {
    try {
      return `agency:${(await this.authentication.authenticate(request)).agencyCode}`;
    } catch {
      return `address:${request.socket.remoteAddress ?? 'unknown'}`;
    }
  }

  /** One budget per agency across routes (the default key is per route). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new AgencyRateLimitedError(
      detail.limit,
      detail.ttl,
      Math.max(1, Math.ceil(detail.timeToBlockExpire)),
    );
  }
}
