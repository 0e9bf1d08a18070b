import { createHash } from 'node:crypto';
import {
  parseSignatureAlgorithm,
  verifySignature,
} from '@docaxis/signature/cms/signature-algorithm';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import {
  parseCertificate,
  type ParsedCertificate,
} from '@docaxis/signature/trust/parsed-certificate';
import type { RevocationOutcome } from '@docaxis/signature/revocation/revocation-checker';
import { certIdOf, sameCertId, subjectPublicKeyBits } from './ocsp-cert-id';
import type { BasicOcspResponse } from './ocsp-response';

export interface OcspJudgement {
  /** The certificate asked about. */
  certificate: ParsedCertificate;
  /** The issuer as proven by the path: it or its delegated responder must have signed. */
  issuer: ParsedCertificate;
  /** The nonce sent; a response echoing another nonce is a replay. */
  nonce?: Buffer;
  validationTime: Date;
  clockSkewMs: number;
  /** How long a response without nextUpdate counts as current after its thisUpdate. */
  maxAgeWithoutNextUpdateMs: number;
}

export type OcspVerdict =
  | { ok: true; outcome: Exclude<RevocationOutcome, { status: 'unknown' }>; validUntil: Date }
  | { ok: false; reason: string };

/**
 * Whether a decoded BasicOCSPResponse can be trusted for one certificate (RFC 6960 §3.2): signed
 * by the issuer itself or by a responder certificate the issuer signed with id-kp-OCSPSigning,
 * valid when the response was produced; the nonce (when echoed) is ours; the answer is current
 * (thisUpdate not in the future, nextUpdate not passed, or recent enough without one).
 */
export function judgeOcspResponse(
  response: BasicOcspResponse,
  judgement: OcspJudgement,
): OcspVerdict {
  const signer = authorizedSigner(response, judgement.issuer);
  if (typeof signer === 'string') return { ok: false, reason: signer };
  let signed = false;
  try {
    signed = verifySignature(
      parseSignatureAlgorithm(response.der, response.signatureAlgorithm),
      [response.tbsResponseData],
      signer.publicKey,
      response.signatureValue,
    );
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, reason: 'the OCSP response signature does not verify' };
  if (judgement.nonce && response.nonce && !response.nonce.equals(judgement.nonce)) {
    return { ok: false, reason: 'the OCSP response answers another request (nonce mismatch)' };
  }
  // Matched with the hash the responder chose: some answer a SHA-1 CertID in SHA-256.
  const single = response.responses.find((candidate) =>
    sameCertId(
      candidate.certId,
      certIdOf(judgement.certificate, judgement.issuer, candidate.certId.hashAlgorithm),
    ),
  );
  if (!single)
    return { ok: false, reason: 'the OCSP response does not answer for this certificate' };

  const now = judgement.validationTime.getTime();
  if (single.thisUpdate.getTime() > now + judgement.clockSkewMs) {
    return {
      ok: false,
      reason: `the OCSP response is from the future (thisUpdate ${single.thisUpdate.toISOString()})`,
    };
  }
  const validUntil = single.nextUpdate
    ? single.nextUpdate
    : new Date(single.thisUpdate.getTime() + judgement.maxAgeWithoutNextUpdateMs);
  if (validUntil.getTime() + judgement.clockSkewMs < now) {
    return {
      ok: false,
      reason: single.nextUpdate
        ? `the OCSP response is stale (nextUpdate ${single.nextUpdate.toISOString()})`
        : `the OCSP response is too old (thisUpdate ${single.thisUpdate.toISOString()}, no nextUpdate)`,
    };
  }
  if (single.status.kind === 'unknown') {
    return { ok: false, reason: 'the OCSP responder does not know the certificate' };
  }
  const note =
    signer === judgement.issuer
      ? undefined
      : `OCSP response signed by the delegated responder "${signer.subject.text}"`;
  if (single.status.kind === 'good') {
    return {
      ok: true,
      validUntil,
      outcome: {
        status: 'good',
        source: 'ocsp',
        producedAt: response.producedAt,
        ...(note ? { note } : {}),
      },
    };
  }
  return {
    ok: true,
    validUntil,
    outcome: {
      status: 'revoked',
      source: 'ocsp',
      producedAt: response.producedAt,
      revokedAt: single.status.revokedAt,
      ...(single.status.reason ? { reason: single.status.reason } : {}),
      ...(note ? { note } : {}),
    },
  };
}

/** The issuer, or a responder certificate it delegated to; a string says why none qualifies. */
function authorizedSigner(
  response: BasicOcspResponse,
  issuer: ParsedCertificate,
): ParsedCertificate | string {
  if (identifies(response, issuer)) return issuer;
  for (const der of response.certificates) {
    let candidate: ParsedCertificate;
    try {
      candidate = parseCertificate(der);
    } catch {
      continue;
    }
    if (!identifies(response, candidate)) continue;
    if (candidate.issuer.matchKey !== issuer.subject.matchKey || !signedBy(candidate, issuer)) {
      return `the OCSP responder "${candidate.subject.text}" is not certified by the certificate's issuer`;
    }
    if (!candidate.extendedKeyUsage?.includes(OID.kpOcspSigning)) {
      return `the OCSP responder "${candidate.subject.text}" lacks id-kp-OCSPSigning`;
    }
    const at = response.producedAt.getTime();
    if (at < candidate.notBefore.getTime() || at > candidate.notAfter.getTime()) {
      return `the OCSP responder certificate "${candidate.subject.text}" was not valid when the response was produced`;
    }
    return candidate;
  }
  return 'the OCSP response is signed neither by the issuer nor by a responder it certified';
}

function identifies(response: BasicOcspResponse, certificate: ParsedCertificate): boolean {
  const id = response.responderId;
  if ('byName' in id) return id.byName.matchKey === certificate.subject.matchKey;
  return createHash('sha1').update(subjectPublicKeyBits(certificate)).digest().equals(id.byKeyHash);
}

function signedBy(certificate: ParsedCertificate, issuer: ParsedCertificate): boolean {
  try {
    return certificate.x509.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
