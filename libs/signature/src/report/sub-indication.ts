/**
 * Validation status and sub-indications after ETSI EN 319 102-1 §5.1.3 (table 5), limited to the
 * ones this verifier can produce, plus NO_SIGNATURE for a PDF that carries no signature at all.
 */
export type Indication = 'TOTAL-PASSED' | 'TOTAL-FAILED' | 'INDETERMINATE';

export const SUB_INDICATIONS = [
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'REVOKED_NO_POE',
  'EXPIRED',
  'NOT_YET_VALID',
  'OUT_OF_BOUNDS_NO_POE',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'SIG_CONSTRAINTS_FAILURE',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'TRY_LATER',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'NO_SIGNATURE',
] as const;

export type SubIndication = (typeof SUB_INDICATIONS)[number];

/**
 * The indication each sub-indication belongs to, as in ETSI EN 319 102-1 table 5: proven defects
 * (the bytes, the signature value, a revocation before signing, a certificate outside its
 * validity at signing time) fail; what a later retry or another trust configuration might change
 * is INDETERMINATE. NO_SIGNATURE is ours: an unsigned dispatch is refused outright.
 */
export const INDICATION_OF: Readonly<Record<SubIndication, Exclude<Indication, 'TOTAL-PASSED'>>> = {
  FORMAT_FAILURE: 'TOTAL-FAILED',
  HASH_FAILURE: 'TOTAL-FAILED',
  SIG_CRYPTO_FAILURE: 'TOTAL-FAILED',
  REVOKED: 'TOTAL-FAILED',
  EXPIRED: 'TOTAL-FAILED',
  NOT_YET_VALID: 'TOTAL-FAILED',
  NO_SIGNATURE: 'TOTAL-FAILED',
  NO_CERTIFICATE_CHAIN_FOUND: 'INDETERMINATE',
  CHAIN_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  SIG_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  CRYPTO_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  TRY_LATER: 'INDETERMINATE',
  REVOKED_NO_POE: 'INDETERMINATE',
  OUT_OF_BOUNDS_NO_POE: 'INDETERMINATE',
  NO_SIGNING_CERTIFICATE_FOUND: 'INDETERMINATE',
};
