import type { CertificatePath } from '@docaxis/signature/trust/certificate-path-builder';
import type { ParsedCertificate } from '@docaxis/signature/trust/parsed-certificate';
import type { RevocationChecker, RevocationOutcome } from './revocation-checker';

/** What the revocation source said of one certificate of a path. */
export interface ChainRevocationOutcome {
  readonly certificate: ParsedCertificate;
  /** 0 for the path's end entity (a signer, a TSA), then its CAs upwards. */
  readonly position: number;
  readonly outcome: RevocationOutcome;
}

/**
 * Asks `checker` about every certificate of `path` below its anchor (signer or TSA first, each
 * against the issuer the path proved), one at a time and only as far as the caller reads: a caller
 * that has its verdict stops asking. A checker that throws, whatever it throws, is an `unknown`
 * answer for that certificate (`revocation check failed: …`), never an end to the walk: the
 * signer's and the checkpoint TSA's judgements both read the chain through this.
 */
export async function* chainRevocationOutcomes(
  path: CertificatePath,
  checker: RevocationChecker,
  validationTime: Date,
): AsyncGenerator<ChainRevocationOutcome, void, undefined> {
  for (let position = 0; position + 1 < path.length; position += 1) {
    const certificate = path[position];
    let outcome: RevocationOutcome;
    try {
      outcome = await checker.check({ certificate, issuer: path[position + 1], validationTime });
    } catch (error) {
      outcome = {
        status: 'unknown',
        source: 'none',
        note: `revocation check failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    yield { certificate, position, outcome };
  }
}
