import { chainRevocationOutcomes } from '@docaxis/signature/revocation/chain-revocation-outcomes';
import type { RevocationChecker } from '@docaxis/signature/revocation/revocation-checker';
import {
  describeReason,
  invalidFrom,
  judgeRevocationTiming,
  voidingRevocation,
} from '@docaxis/signature/revocation/revocation-time-rule';
import type { CertificatePath } from '@docaxis/signature/trust/certificate-path-builder';
import type { TsaPathCertificate, TsaRevocationFinding } from './tsa-revocation-finding';
import type { TsaRevocation } from './tsa-revocation-status';

/**
 * A certificate of the TSA path whose revocation makes the token untrusted: revoked at or before
 * genTime, or revoked for a compromise (or without a reason) at any time, since genTime is the
 * TSA's own claim and a compromised key can backdate it (RFC 3161 §4). An explicit `unspecified`
 * counts as no reason, which is stricter than RFC 3161 §4 (it keeps earlier tokens for it):
 * decided in revocation-time-rule.ts (UNSTATED_REASON) and the README.
 */
export interface TsaRevokedUntrusted {
  untrustedRevocation: string;
}

/**
 * Asks `checker` (the signature library's CRL checker, the same rules as for signer
 * certificates: a CRL signed by the issuer the path proved, current at `now`) about every
 * certificate of `path` below its anchor. Without a checker the answer says so: never `good`;
 * nor for a certificate expired by `now`, which a current CRL need no longer list.
 */
export async function checkTsaRevocation(
  path: CertificatePath,
  genTime: Date,
  checker: RevocationChecker | undefined,
  now: Date,
): Promise<TsaRevocation | TsaRevokedUntrusted> {
  if (!checker) {
    return {
      status: 'not-checked',
      note: 'no AUDIT_TSA_CRL_DIR: TSA revocation NOT checked',
      findings: [{ kind: 'no-crl-dir' }],
    };
  }
  const unknown: string[] = [];
  const unknownFindings: TsaRevocationFinding[] = [];
  const revokedAfter: string[] = [];
  const revokedAfterFindings: TsaRevocationFinding[] = [];
  for await (const { certificate, position, outcome } of chainRevocationOutcomes(
    path,
    checker,
    now,
  )) {
    const who = `${position === 0 ? 'TSA certificate' : 'CA certificate'} "${certificate.subject.text}"`;
    const about: TsaPathCertificate = {
      role: position === 0 ? 'tsa' : 'ca',
      subject: certificate.subject.text,
    };
    if (outcome.status === 'unknown') {
      unknown.push(`${who}: ${outcome.note}`);
      unknownFindings.push({ kind: 'no-answer', certificate: about, detail: outcome.note });
    } else if (outcome.status === 'good' && certificate.notAfter.getTime() < now.getTime()) {
      // RFC 5280 §3.3: a CA may drop a certificate from its CRLs once it has expired, so a
      // current CRL not listing it says nothing of a revocation before genTime.
      unknown.push(
        `${who}: expired ${certificate.notAfter.toISOString()}, so a current CRL not listing it proves nothing`,
      );
      const notAfter = certificate.notAfter.toISOString();
      unknownFindings.push({ kind: 'expired', certificate: about, notAfter });
    } else if (outcome.status === 'revoked') {
      const when = `${who} (serial ${certificate.serialNumber}) was revoked at ${outcome.revokedAt.toISOString()}${describeReason(outcome.reason)}`;
      const timing = judgeRevocationTiming(outcome, genTime, false);
      if (timing.kind === 'on-hold') {
        // Suspended: neither untrusted nor valid until the CA releases or revokes it.
        unknown.push(
          `${who}: on hold (certificateHold) since ${timing.heldSince.toISOString()}, undecided until its CA releases it (removeFromCRL) or revokes it`,
        );
        const since = timing.heldSince.toISOString();
        unknownFindings.push({ kind: 'on-hold', certificate: about, since });
        continue;
      }
      if (timing.kind === 'compromised') {
        return {
          untrustedRevocation: `${when}: a ${voidingRevocation(outcome.reason)} voids the TSA's own genTime ${genTime.toISOString()} (RFC 3161 §4)`,
        };
      }
      if (timing.kind === 'before') {
        return {
          untrustedRevocation: `${when}${invalidFrom(timing.effectiveAt, outcome.revokedAt)}, before genTime ${genTime.toISOString()}`,
        };
      }
      revokedAfter.push(`${when}, after genTime ${genTime.toISOString()}`);
      revokedAfterFindings.push({
        kind: 'revoked-after',
        certificate: about,
        serialNumber: certificate.serialNumber,
        revokedAt: outcome.revokedAt.toISOString(),
        reason: outcome.reason ?? null,
        genTime: genTime.toISOString(),
      });
    }
  }
  if (revokedAfter.length > 0) {
    return {
      status: 'revoked-after-gen-time',
      note: [...revokedAfter, ...unknown].join('; '),
      findings: [...revokedAfterFindings, ...unknownFindings],
    };
  }
  if (unknown.length > 0) {
    return {
      status: 'not-checked',
      note: `TSA revocation NOT checked: ${unknown.join('; ')}`,
      findings: unknownFindings,
    };
  }
  return { status: 'good', note: null };
}
