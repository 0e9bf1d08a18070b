import type { KeyObject } from 'node:crypto';
import { defect, note, type ValidationFinding } from '@docaxis/signature/report/validation-finding';

export type KeyStrength = 'adequate' | 'weak' | 'insufficient';

/**
 * RSA below 2048 bits is weak (still verified, reported), below 1024 bits refused; EC keys on the
 * curves node:crypto accepts are adequate. The thresholds follow ETSI TS 119 312's legacy table.
 */
export function assessPublicKeyStrength(key: KeyObject): { strength: KeyStrength; bits?: number } {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return { strength: bits < 1024 ? 'insufficient' : bits < 2048 ? 'weak' : 'adequate', bits };
  }
  if (type === 'ec' || type === 'ed25519' || type === 'ed448') {
    return { strength: 'adequate' };
  }
  return { strength: 'insufficient' };
}

/**
 * The signer key's strength as findings: too short fails (CRYPTO_CONSTRAINTS_FAILURE), weak is a
 * note. Returns true when the key is weak but accepted.
 */
export function judgeSignerKeyStrength(key: KeyObject, findings: ValidationFinding[]): boolean {
  const strength = assessPublicKeyStrength(key);
  if (strength.strength === 'insufficient') {
    findings.push(
      defect(
        'CRYPTO_CONSTRAINTS_FAILURE',
        'KEY_TOO_SHORT',
        `signer key too short (${strength.bits ?? 0} bits)`,
      ),
    );
  } else if (strength.strength === 'weak') {
    findings.push(note('KEY_TOO_SHORT', `signer key of ${strength.bits ?? 0} bits is weak`));
    return true;
  }
  return false;
}
