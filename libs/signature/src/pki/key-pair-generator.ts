import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

export type DevKeyAlgorithm =
  { kind: 'rsa'; modulusLength?: 2048 | 3072 | 4096 } | { kind: 'ec'; curve: 'P-256' | 'P-384' };

export const DEFAULT_DEV_KEY_ALGORITHM: DevKeyAlgorithm = { kind: 'rsa', modulusLength: 2048 };

export interface DevKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM, the form every key file of the development PKI is written in. */
  privateKeyPem: string;
}

/**
 * Generates a key pair on libuv's thread pool, so callers can start many at once: RSA key
 * generation dominates the development PKI's build time.
 */
export async function generateDevKeyPair(
  algorithm: DevKeyAlgorithm = DEFAULT_DEV_KEY_ALGORITHM,
): Promise<DevKeyPair> {
  const { privateKey, publicKey } =
    algorithm.kind === 'rsa'
      ? await generateKeyPairAsync('rsa', { modulusLength: algorithm.modulusLength ?? 2048 })
      : await generateKeyPairAsync('ec', { namedCurve: algorithm.curve });
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
