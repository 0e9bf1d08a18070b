import { Inject, Injectable } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derBlobsOf } from '@docaxis/signature/trust/certificate-file-reader';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

/**
 * The CAs whose client certificates the gateway accepts (TLS_CLIENT_CA_FILE, the same bundle the
 * TLS handshake trusts), for checks made outside a handshake: registering a certificate in the
 * directory, and certificates forwarded by a trusted TLS-terminating proxy.
 */
@Injectable()
export class ClientCertificateIssuers {
  private readonly authorities: X509Certificate[];

  constructor(@Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'TLS_CLIENT_CA_FILE'>) {
    this.authorities = derBlobsOf(readFileSync(config.TLS_CLIENT_CA_FILE), ['CERTIFICATE']).map(
      (der) => new X509Certificate(der),
    );
  }

  /**
   * The chain from `certificate` up to a self-signed CA of the bundle, every link's signature
   * verified and every CA inside its validity at `at`; undefined when there is none.
   */
  chainOf(certificate: X509Certificate, at: Date = new Date()): X509Certificate[] | undefined {
    const chain = [certificate];
    let current = certificate;
    for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth += 1) {
      if (current !== certificate && isSelfSigned(current)) return chain;
      const issuer = this.authorities.find(
        (ca) =>
          ca.ca && isValidAt(ca, at) && current.checkIssued(ca) && current.verify(ca.publicKey),
      );
      if (!issuer) return undefined;
      chain.push(issuer);
      current = issuer;
    }
    return undefined;
  }
}

const MAX_CHAIN_LENGTH = 8;

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}

export function isValidAt(certificate: X509Certificate, at: Date): boolean {
  return (
    new Date(certificate.validFrom).getTime() <= at.getTime() &&
    at.getTime() <= new Date(certificate.validTo).getTime()
  );
}

/** Exactly one PEM certificate, parsed; undefined for anything else. */
export function parseSingleCertificatePem(pem: string): X509Certificate | undefined {
  const blocks = derBlobsOf(Buffer.from(pem, 'latin1'), ['CERTIFICATE']);
  if (blocks.length !== 1 || /-----BEGIN (?!CERTIFICATE-)/.test(pem)) return undefined;
  try {
    return new X509Certificate(blocks[0]);
  } catch {
    return undefined;
  }
}
