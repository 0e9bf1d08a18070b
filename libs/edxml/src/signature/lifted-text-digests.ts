import { createHash } from 'node:crypto';
import type { HashAlgorithm, HashAlgorithmType } from 'xml-crypto';
import {
  restoreLiftedTexts,
  type LiftedBase64Texts,
} from '@docaxis/edxml/packet/base64-text-lifting';
import { DIGEST_METHODS } from './xmldsig-algorithms';

/**
 * xml-crypto digest algorithms for verifying a signature over a lean document (base64 runs
 * lifted out): the canonical form xml-crypto hands them is the lean one, and they digest each
 * placeholder as the run it stands for. Canonical XML writes base64 text unchanged, so this is
 * the digest of the whole document's canonical form, computed without parsing or canonicalizing
 * its megabytes of base64 (xml-crypto's own parser is quadratic in the distinct element names).
 */
export function liftedTextDigests(
  lifted: LiftedBase64Texts,
): Record<HashAlgorithmType, new () => HashAlgorithm> {
  const algorithms: Record<string, new () => HashAlgorithm> = {};
  for (const [uri, { name }] of DIGEST_METHODS) {
    algorithms[uri] = class implements HashAlgorithm {
      getAlgorithmName(): HashAlgorithmType {
        return uri;
      }

      getHash(canonical: string): string {
        const hash = createHash(name);
        let copiedUpTo = 0;
        for (const match of canonical.matchAll(lifted.placeholder)) {
          hash.update(canonical.slice(copiedUpTo, match.index), 'utf8');
          hash.update(restoreLiftedTexts(match[0], lifted), 'latin1');
          copiedUpTo = match.index + match[0].length;
        }
        hash.update(canonical.slice(copiedUpTo), 'utf8');
        return hash.digest('base64');
      }
    };
  }
  return algorithms;
}
