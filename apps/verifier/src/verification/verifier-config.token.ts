/** Injection token for the verifier's validated configuration. */
export const VERIFIER_CONFIG = Symbol('VERIFIER_CONFIG');
