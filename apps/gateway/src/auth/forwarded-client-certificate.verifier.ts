import { Inject, Injectable } from '@nestjs/common';
import { createHash, type X509Certificate } from 'node:crypto';
import { CrlRevocationChecker } from '@docaxis/signature/revocation/crl-revocation-checker';
import { parseCertificate } from '@docaxis/signature/trust/parsed-certificate';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import {
  ClientCertificateIssuers,
  isValidAt,
  parseSingleCertificatePem,
} from './client-certificate-issuers';
import { ClientCertificateInvalidError } from './client-certificate.errors';
import { CrlFileSource } from './crl-file-source';
import { describeCertificate, type PresentedCertificate } from './presented-certificate';

const CLIENT_AUTH_EKU = '1.3.6.1.5.5.7.3.2';
const MAX_HEADER_CHARACTERS = 16 * 1024;
const MAX_CACHED = 10_000;

interface CachedResult {
  value: Promise<PresentedCertificate>;
  expiresAt: number;
}

/**
 * Trusted-proxy mode: checks a client certificate a TLS-terminating proxy forwarded in a header
 * the way the handshake checks one presented directly: a chain to the client CAs
 * (TLS_CLIENT_CA_FILE), validity now, TLS client usage, and no certificate of the chain revoked
 * by the CRLs of TLS_CRL_FILES (a missing or stale CRL refuses, as OpenSSL's CRL check does).
 * Refusal reasons are OpenSSL's, as the handshake reports them. Outcomes are cached per certificate for AUTH_CACHE_TTL_MS, refusals included.
 */
@Injectable()
export class ForwardedClientCertificateVerifier {
  private readonly crls: CrlFileSource;
  private readonly revocation: CrlRevocationChecker;
  private readonly results = new Map<string, CachedResult>();

  constructor(
    private readonly issuers: ClientCertificateIssuers,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.crls = new CrlFileSource(config.TLS_CRL_FILES);
    this.revocation = new CrlRevocationChecker([this.crls]);
  }

  /** Re-reads the CRL files (with the TLS context, every TLS_RELOAD_INTERVAL_MS). */
  reloadCrls(): void {
    this.crls.reload();
    this.results.clear();
  }

  verify(headerValue: string): Promise<PresentedCertificate> {
    const key = createHash('sha256').update(headerValue).digest('hex');
    const now = Date.now();
    const cached = this.results.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = this.check(headerValue);
    if (this.config.AUTH_CACHE_TTL_MS > 0) {
      if (this.results.size >= MAX_CACHED) this.results.clear();
      this.results.set(key, { value, expiresAt: now + this.config.AUTH_CACHE_TTL_MS });
    }
    return value;
  }

  private async check(headerValue: string): Promise<PresentedCertificate> {
    const certificate = decodeHeader(headerValue);
    const now = new Date();
    if (!isValidAt(certificate, now)) {
      throw new ClientCertificateInvalidError(
        new Date(certificate.validTo) < now ? 'CERT_HAS_EXPIRED' : 'CERT_NOT_YET_VALID',
      );
    }
    const chain = this.issuers.chainOf(certificate, now);
    if (!chain) throw new ClientCertificateInvalidError('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const usages = certificate.keyUsage;
    if (certificate.ca || (usages && !usages.includes(CLIENT_AUTH_EKU))) {
      throw new ClientCertificateInvalidError('INVALID_PURPOSE');
    }
    for (let i = 0; i + 1 < chain.length; i += 1) {
      const outcome = await this.revocation.check({
        certificate: parseCertificate(chain[i].raw),
        issuer: parseCertificate(chain[i + 1].raw),
        validationTime: now,
      });
      if (outcome.status === 'revoked') {
        throw new ClientCertificateInvalidError('CERT_REVOKED');
      }
      if (outcome.status === 'unknown') {
        throw new ClientCertificateInvalidError('UNABLE_TO_GET_CRL');
      }
    }
    // Described here, once per cached outcome, rather than on every request that forwards it.
    return describeCertificate(certificate.toLegacyObject(), this.config.AGENCY_CODE_SUBJECT_OID);
  }
}

/** The header carries URL-encoded PEM (nginx `$ssl_client_escaped_cert`). */
function decodeHeader(value: string): X509Certificate {
  let pem: string;
  try {
    pem = value.length > MAX_HEADER_CHARACTERS ? '' : decodeURIComponent(value);
  } catch {
    pem = '';
  }
  const certificate = pem ? parseSingleCertificatePem(pem) : undefined;
  if (!certificate) {
    throw new ClientCertificateInvalidError('FORWARDED_CERTIFICATE_MALFORMED');
  }
  return certificate;
}
