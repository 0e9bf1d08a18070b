import type { KeyObject } from 'node:crypto';

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
