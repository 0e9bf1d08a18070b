import { createHash, randomBytes } from 'node:crypto';
import { verifyCmsSignature } from '@docaxis/signature/cms/cms-signature-verifier';
import { OID } from '@docaxis/signature/cms/object-identifiers';
import {
  asn1Boolean,
  asn1FromDer,
  asn1Integer,
  asn1Null,
  asn1OctetString,
  asn1Oid,
  asn1Sequence,
  derOf,
  type Asn1Node,
} from '@docaxis/signature/pki/asn1-node-factory';
import { parseTstInfo } from '@docaxis/signature/timestamp/tst-info';
import { CertificateCache } from '@docaxis/signature/trust/certificate-cache';
import { CheckpointTimestampError } from './checkpoint-timestamp.error';
import type { TsaCertificateTrust } from './tsa-certificate-trust';
import type { TsaRevocation } from './tsa-revocation-status';

const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/**
 * `tsaChain` says whether the TSA certificate was judged: `trusted` (against the configured TSA
 * trust anchors) or `not-checked` (none configured: the token proves its imprint and signature,
 * not who the TSA is); `tsaRevocation` whether its path was checked for revocation. A failure is either the token's (`authority: false`: it does not verify or
 * is not over this checkpoint) or its authority's (`authority: true`: not a trusted TSA).
 */
export type TimestampCheck =
  | {
      valid: true;
      genTime: Date;
      authority: string;
      tsaChain: 'trusted' | 'not-checked';
      tsaRevocation: TsaRevocation;
    }
  | { valid: false; reason: string; authority: boolean };

/** Sends a DER TimeStampReq, answers the DER TimeStampResp (HTTP by default; a seam for tests). */
export type TimestampTransport = (request: Buffer) => Promise<Buffer>;

/** RFC 3161 over HTTP: POST application/timestamp-query, read application/timestamp-reply. */
export function httpTimestampTransport(url: string, timeoutMs = 10_000): TimestampTransport {
  return async (request) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: request,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      throw new CheckpointTimestampError(`the TSA answered HTTP ${response.status}`);
    }
    return Buffer.from(await response.arrayBuffer());
  };
}

/**
 * Gets an RFC 3161 timestamp token over `data` (a checkpoint's CMS): SHA-256 imprint, a random
 * nonce, certReq. The token is checked before it is kept: granted status, a CMS that verifies,
 * our imprint.
 */
export async function requestTimestamp(
  transport: TimestampTransport,
  data: Buffer,
  tsaTrust?: TsaCertificateTrust,
): Promise<Buffer> {
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f; // a positive INTEGER
  const request = derOf(
    asn1Sequence([
      asn1Integer(1),
      asn1Sequence([
        asn1Sequence([asn1Oid(SHA256_OID), asn1Null()]),
        asn1OctetString(createHash('sha256').update(data).digest()),
      ]),
      asn1Integer(nonce),
      asn1Boolean(true),
    ]),
  );
  const response = asn1FromDer(await transport(request)).value as Asn1Node[];
  const statusInfo = response[0]?.value as Asn1Node[] | undefined;
  const status = statusInfo
    ? Buffer.from(statusInfo[0].value as string, 'latin1').readUIntBE(0, 1)
    : -1;
  // 0 granted, 1 grantedWithMods; anything else is a refusal.
  if ((status !== 0 && status !== 1) || response.length < 2) {
    throw new CheckpointTimestampError(`the TSA refused the request (status ${status})`);
  }
  const token = derOf(response[1]);
  const check = await checkTimestampToken(token, data, tsaTrust);
  if (!check.valid) throw new CheckpointTimestampError(check.reason);
  return token;
}

/**
 * The token is a SignedData over a TSTInfo that verifies, and its imprint is SHA-256 of `data`.
 * With `tsaTrust`, its signer must also be a trusted TSA at genTime (TsaCertificateTrust); without,
 * the result says the TSA chain was not checked.
 */
export async function checkTimestampToken(
  token: Buffer,
  data: Buffer,
  tsaTrust?: TsaCertificateTrust,
): Promise<TimestampCheck> {
  const cms = verifyCmsSignature({
    cms: token,
    signedContent: [],
    certificateCache: new CertificateCache(8),
    encapsulatedContentType: OID.tstInfo,
  });
  const defect = cms.findings.find((finding) => finding.subIndication);
  if (defect || !cms.encapsulatedContent || !cms.signerCertificate) {
    return tokenFailure(
      `timestamp token does not verify (${defect?.code ?? (cms.signerCertificate ? 'no content' : 'no signer')})`,
    );
  }
  let tstInfo;
  try {
    tstInfo = parseTstInfo(cms.encapsulatedContent);
  } catch (error) {
    return tokenFailure(`timestamp TSTInfo unreadable: ${(error as Error).message}`);
  }
  const imprint = createHash(tstInfo.imprintAlgorithm.name).update(data).digest();
  if (!imprint.equals(tstInfo.hashedMessage)) {
    return tokenFailure('timestamp imprint is not the hash of the checkpoint signature');
  }
  const authority = cms.signerCertificate;
  const valid = {
    valid: true,
    genTime: tstInfo.genTime,
    authority: authority.subject.text,
  } as const;
  if (!tsaTrust) {
    return {
      ...valid,
      tsaChain: 'not-checked',
      tsaRevocation: {
        status: 'not-checked',
        note: 'no AUDIT_TSA_TRUST_FILE: neither the TSA chain nor its revocation checked',
        findings: [{ kind: 'no-trust-file' }],
      },
    };
  }
  const trust = await tsaTrust.check(authority, cms.certificates, tstInfo.genTime);
  if (!trust.trusted) return { valid: false, reason: trust.reason, authority: true };
  return { ...valid, tsaChain: 'trusted', tsaRevocation: trust.revocation };
}

function tokenFailure(reason: string): TimestampCheck {
  return { valid: false, reason, authority: false };
}
